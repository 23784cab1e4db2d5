/** The formats a trained model exports to, named once for the contract, the engine and the CLI. */
export const EXPORT_FORMATS = ['tfjs', 'keras', 'onnx', 'bundle', 'keras-project'] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Formats written as a folder (a zip when downloaded): the others are one file. */
export const FOLDER_FORMATS: readonly ExportFormat[] = ['tfjs', 'keras-project'];
