/**
 * Log sink of the client and the operations. The Action passes one built on
 * @actions/core; a command line can pass the console. Implementations must
 * never receive a secret: callers pass messages without tokens or secrets.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
};
