// One log line and one histogram sample per request: method, route pattern (not the raw path:
// no ids or indices in labels; handlers without an Express route set res.locals.routeLabel),
// status, latency, and the caller's org and role when authenticated. recordRequest is the one
// place that writes both; the hot read path (features/log-read/hot-path.ts) uses it too.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import type { GatewayMetrics } from '../ops/metrics.js';

export interface RequestRecord {
  readonly method: string;
  /** the route pattern, or 'unmatched' */
  readonly route: string;
  readonly status: number;
  /** from the start of handling to the response's 'finish' */
  readonly seconds: number;
  readonly principal: Principal | undefined;
}

export function recordRequest(logger: Logger, metrics: GatewayMetrics, r: RequestRecord): void {
  metrics.httpDuration.observe({ method: r.method, route: r.route, status: String(r.status) }, r.seconds);
  if (!logger.isLevelEnabled('info')) return;
  logger.info(
    { method: r.method, route: r.route, status: r.status, ms: Math.round(r.seconds * 1e4) / 10, org: r.principal?.org, role: r.principal?.role },
    'request',
  );
}

export function requestLog(logger: Logger, metrics: GatewayMetrics): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const routePath = (req.route as { path?: unknown } | undefined)?.path;
      const label: unknown = res.locals['routeLabel'];
      const route = typeof label === 'string' ? label : typeof routePath === 'string' ? `${req.baseUrl}${routePath}` : 'unmatched';
      recordRequest(logger, metrics, { method: req.method, route, status: res.statusCode, seconds, principal: res.locals['principal'] as Principal | undefined });
    });
    next();
  };
}
