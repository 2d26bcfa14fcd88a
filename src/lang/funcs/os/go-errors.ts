// Go's text for file-system errors (`open /x: no such file or directory`), so
// messages read the same as upstream's whatever Node's errno wording is.

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EEXIST: 'file exists',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EINVAL: 'invalid argument',
};

/** Go's *PathError text: `op path: reason`. */
export function goPathError(op: string, path: string, err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const reason = (e.code && ERRNO_TEXT[e.code]) ?? e.message;
  return `${op} ${path}: ${reason}`;
}

/** Whether a Node error means "the file is not there". */
export function isNotExist(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
