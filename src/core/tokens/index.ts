// Token counting: exact for OpenAI encodings (equal to tiktoken), estimated for Claude and Gemini, and
// an incremental index for documents that change on every keystroke. Rank tables load on first count.
export { countTokens } from './count';
export { encodingForModel, estimateTokens, tokenMethod, ESTIMATE_METHODS, type TokenMethod } from './models';
export { createTokenIndex, type TokenIndex } from './tokenIndex';
