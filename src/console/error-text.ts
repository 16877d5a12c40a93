/** One line for an SDK failure: the AWS error name (e.g. `NotFoundException`) and its message. */

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}
