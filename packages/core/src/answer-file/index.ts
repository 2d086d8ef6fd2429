export * from './answer-file.js';
export * from './errors.js';
export * from './names.js';
export { ANSWER_FILE_ENCODING, checkEntry, checkSectionName, EOL, type CheckedEntry } from './text.js';
