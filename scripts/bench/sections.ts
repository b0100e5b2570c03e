// The bench's sections, run in this order. Add a section by exporting a BenchSection from a file in
// this folder and listing it here. `startup` comes last: it re-packages the VSIX, which rebuilds dist/.
import { analysisKeystroke } from './analysisKeystroke';
import { largeFile } from './largeFile';
import { tokensExactness } from './tokensExactness';
import { tokensKeystroke } from './tokensKeystroke';
import { memory } from './memory';
import { tokensThroughput } from './tokensThroughput';
import { pipelineOverhead } from './pipeline';
import { semanticCache } from './semanticCache';
import { startup } from './startup';
import type { BenchSection } from './types';

export const SECTIONS: BenchSection[] = [tokensExactness, tokensThroughput, tokensKeystroke, memory, analysisKeystroke, largeFile, semanticCache, pipelineOverhead, startup];
