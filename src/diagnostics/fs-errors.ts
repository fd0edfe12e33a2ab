// File-system failures (a path that is a file, permission denied, a symbolic link loop…) as one
// line a person can act on: the CLI prints it and exits 2, never a stack trace.

export class FileSystemError extends Error {}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a folder, where a file is needed",
  ENOTDIR: "a file stands where a folder is needed",
  ELOOP: "a symbolic link loop",
  ENOENT: "no such file or folder",
  EEXIST: "already exists",
  ENOSPC: "no space left on the device",
  EROFS: "the file system is read-only",
  EMFILE: "too many open files",
  ENAMETOOLONG: "the path is too long",
  EBUSY: "the file is busy",
};

interface SystemError {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
  message: string;
}

function isSystemError(error: unknown): error is SystemError {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && /^E[A-Z0-9]+$/.test(code);
}

/** Node's system error as a FileSystemError with one line; anything else unchanged. */
export function asFileSystemError(error: unknown): unknown {
  if (error instanceof FileSystemError || !isSystemError(error)) return error;
  const reason =
    REASONS[error.code] ??
    error.message
      .split("\n")[0]!
      .replace(/^[A-Z0-9]+: /, "")
      .replace(/, \w+ '.*'$/, "");
  const where = error.path === undefined ? "" : `${error.path}${error.dest === undefined ? "" : ` → ${error.dest}`}: `;
  return new FileSystemError(
    `${where}${reason}${error.syscall ? ` (${error.syscall}, ${error.code})` : ` (${error.code})`}`,
  );
}

/** Runs `work`, turning a system error it throws into a FileSystemError. */
export async function withFileSystemErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asFileSystemError(error);
  }
}
