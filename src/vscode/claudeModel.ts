// Whether a model id names a Claude model; tiny and dependency-free so the extension host can ask
// before loading anything for exact counts.
export function isClaudeModel(model: string): boolean {
  return /^(anthropic[/.:])?claude-/i.test(model.trim());
}
