/** A subcommand: receives the arguments after its name, returns the process exit code. */
export type Command = (args: string[]) => Promise<number>;
