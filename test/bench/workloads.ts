/** The benchmark workloads: each is one model and one synthetic data set, the same in every engine. */
import type { Cell } from '../../src-main/shared/spec';

export interface Workload {
  /** Short id used by `--only`. */
  name: string;
  title: string;
  cell: Cell;
  units: number;
  /** Stacked recurrent layers. */
  layers: number;
  bidirectional: boolean;
  steps: number;
  /** Numeric features per step (ignored for text). */
  features: number;
  samples: number;
  batchSize: number;
  /** Character-level text: token ids through an embedding, next-token softmax output. */
  text: { vocab: number; embedding: number } | null;
}

const base = { layers: 1, bidirectional: false, samples: 2048, batchSize: 64, text: null };

export const WORKLOADS: Workload[] = [
  { ...base, name: 'lstm', title: 'LSTM(64) T=50 F=4 (reference)', cell: 'LSTM', units: 64, steps: 50, features: 4 },
  { ...base, name: 'gru', title: 'GRU(128) T=100 F=8', cell: 'GRU', units: 128, steps: 100, features: 8 },
  {
    ...base,
    name: 'simple-rnn',
    title: 'SimpleRNN(32) T=20 F=1',
    cell: 'SimpleRNN',
    units: 32,
    steps: 20,
    features: 1,
  },
  {
    ...base,
    name: 'bilstm',
    title: '2-layer bidirectional LSTM(64) T=50 F=4',
    cell: 'LSTM',
    units: 64,
    layers: 2,
    bidirectional: true,
    steps: 50,
    features: 4,
  },
  {
    ...base,
    name: 'char-lstm',
    title: 'char text: embedding(80→64) + LSTM(256) T=100',
    cell: 'LSTM',
    units: 256,
    steps: 100,
    features: 1,
    samples: 1024,
    text: { vocab: 80, embedding: 64 },
  },
];
