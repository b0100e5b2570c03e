// A document held as chunks of a few thousand UTF-16 units, so an edit copies one chunk instead of the
// whole string (a 200k-token prompt is about 2 MB) and local reads stay cheap.

const CHUNK = 4096;

/** Text that is edited in place chunk by chunk; `toString` joins it on demand. */
export class ChunkedText {
  length = 0;
  private chunks: string[] = [];
  private starts = new Int32Array(0);
  private stale = true;
  private joined: string | undefined;

  constructor(text: string) {
    for (let p = 0; p < text.length; p += CHUNK) this.chunks.push(text.slice(p, p + CHUNK));
    this.length = text.length;
    this.joined = text;
  }

  /** The text of [from, to) as one flat string. */
  slice(from: number, to: number): string {
    if (to <= from) return '';
    let c = this.chunkAt(from);
    let offset = this.starts[c]!;
    let out = this.chunks[c]!.slice(from - offset, to - offset);
    while (offset + this.chunks[c]!.length < to) {
      offset += this.chunks[c]!.length;
      c++;
      out += this.chunks[c]!.slice(0, to - offset);
    }
    return out;
  }

  /** Replaces [x, y) by `inserted`; only the chunks the edit touches are copied. */
  replace(x: number, y: number, inserted: string): void {
    const first = this.chunkAt(x);
    const last = this.chunkAt(Math.max(x, y - 1));
    const base = this.starts[first]!;
    const lastEnd = this.starts[last]! + (this.chunks[last]?.length ?? 0);
    const merged = this.slice(base, x) + inserted + this.slice(y, lastEnd);
    const pieces: string[] = [];
    for (let p = 0; p < merged.length; p += CHUNK) pieces.push(flat(merged.slice(p, p + CHUNK)));
    this.chunks.splice(first, last - first + 1, ...pieces);
    this.length += inserted.length - (y - x);
    this.joined = undefined;
    this.stale = true;
  }

  toString(): string {
    this.joined ??= this.chunks.join('');
    return this.joined;
  }

  private chunkAt(offset: number): number {
    if (this.stale) this.refresh();
    const starts = this.starts;
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  private refresh(): void {
    if (this.starts.length < this.chunks.length + 1) this.starts = new Int32Array(this.chunks.length * 2 + 1);
    let offset = 0;
    for (let k = 0; k < this.chunks.length; k++) {
      this.starts[k] = offset;
      offset += this.chunks[k]!.length;
    }
    this.stale = false;
  }
}

// Reading one character makes V8 flatten a concatenated string, so chunks stay cheap to index.
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}
