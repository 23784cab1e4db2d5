/** The file types the browser's choosers offer, by what the file is for. */

/** Data files the importer reads. */
export const DATA_FILE_ACCEPT = '.csv,.tsv,.txt,.xlsx,.json,.jsonl,.conll,.conllu';

/** Saved projects. */
export const PROJECT_FILE_ACCEPT = '.rsproj';
