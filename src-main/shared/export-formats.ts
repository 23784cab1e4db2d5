/** The formats a trained model exports to, named once for the contract, the engine and the CLI. */
export const EXPORT_FORMATS = ['tfjs', 'keras', 'onnx', 'bundle'] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];
