/**
 * Checked before a file is handed to the host, so the person reads why in
 * her language (the host refuses the same names too, in case a save dialog
 * was given one).
 */
import { FILE_NAME_PROBLEM_KEYS, fileNameProblem } from '../shared/file-names';
import { i18n } from './i18n/i18n';

export function assertSaveableName(name: string): void {
  const problem = fileNameProblem(name);
  if (problem) throw new Error(i18n.t(FILE_NAME_PROBLEM_KEYS[problem], { name }));
}
