// Structured JSON logs (pino). Never bodies, tokens or personal data: request logs carry org,
// role, route, status and latency only.
import { pino, type Logger } from 'pino';

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'elc-gateway' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Defence in depth: if a header object is ever logged, the credentials are not.
      redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
