/**
 * File names Étal writes (exports, saves, copies) must work on every system
 * a CAE or a USB stick may carry them to. Windows keeps some names for
 * devices whatever the extension or case (`NUL.txt` is the null device,
 * `COM1.csv` a serial port) and silently drops a trailing dot or space, so
 * such a file would vanish or land elsewhere.
 */
const RESERVED = /^(?:CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])(?:\..*)?$/i;

export type FileNameProblem = 'reserved' | 'trailing';

/** Why `name` (a bare file name, no folder) cannot be used everywhere, or null. */
export function fileNameProblem(name: string): FileNameProblem | null {
  if (/[. ]$/.test(name)) return 'trailing';
  // Windows ignores trailing spaces before the extension too: "CON .txt" is CON.
  if (RESERVED.test(name.replace(/ +(?=\.|$)/, ''))) return 'reserved';
  return null;
}

/** The i18n key of the sentence for a problem (renderer/i18n/locales/<lang>/common.json). */
export const FILE_NAME_PROBLEM_KEYS: Readonly<Record<FileNameProblem, string>> = {
  reserved: 'err.fileNameReserved',
  trailing: 'err.fileNameTrailing',
};

/** The same sentence in English, for the host's log and the bridge's detail. */
export function fileNameProblemText(name: string, problem: FileNameProblem): string {
  return problem === 'reserved'
    ? `"${name}" is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension): choose another name`
    : `"${name}" ends with a dot or a space, which Windows drops: remove it`;
}
