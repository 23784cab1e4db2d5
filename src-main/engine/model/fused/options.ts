/** Options of one recurrent layer, as the model builder passes them. */
export interface RecurrentLayerOptions {
  units: number;
  activation: string;
  recurrentActivation: string;
  returnSequences: boolean;
  dropout: number;
  recurrentDropout: number;
  bidirectional: boolean;
  merge: 'concat' | 'sum' | 'ave' | 'mul';
  seed: number;
  name?: string;
  inputShape?: number[];
  /** Standard layers only: also return the final state(s), as an encoder–decoder needs. */
  returnState?: boolean;
}
