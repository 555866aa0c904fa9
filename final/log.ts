/** Timestamped, one-line logs of what happens on the server (never message text). */
export type Logger = (event: string, detail?: string) => void;

export function consoleLogger(stream: NodeJS.WritableStream = process.stdout): Logger {
  return (event, detail) => {
    stream.write(`${new Date().toISOString()} ${event}${detail ? ` ${detail}` : ''}\n`);
  };
}

/** A logger that says nothing (for tests and benchmarks that do not read logs). */
export const silentLogger: Logger = () => {};

/** "127.0.0.1:41234", "[::1]:41234": how a peer is written in the logs. */
export function formatAddress(ip: string | undefined, port: number | undefined): string {
  return ip?.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
