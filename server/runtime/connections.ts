/**
 * Governance of target systems (connections): holds, circuit breakers and throttles.
 *
 * - **Hold** (maintenance window): a connection put on hold makes every step that needs it wait, durably
 *   (a run stopped while waiting resumes waiting), and drain when it is released or its `until` passes.
 * - **Circuit breaker** (cockatiel's ConsecutiveBreaker): after `failureThreshold` consecutive failures
 *   (network errors, time-outs, 429 and 5xx answers) the circuit opens; steps then wait until it half-opens
 *   after `halfOpenAfterMs`, when one trial call decides between closing and opening again.
 * - **Throttle** (p-throttle): at most `rps` requests per second to the connection; excess requests queue.
 * Holds and limits are kept in `<data>/connections.ndjson` (a RecordLog) and survive restarts.
 */
import { CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, BrokenCircuitError, circuitBreaker, handleWhen } from 'cockatiel';
import pThrottle from 'p-throttle';
import { NodeError } from '../../nodes/sdk/errors.js';
import type { HttpClient, OutboundRequest, OutboundResponse } from '../../nodes/sdk/context.js';
import type { RecordLog } from '../storage/record-log.js';
import type { ConnectionControl } from '../storage/types.js';

export type { ConnectionControl };

export interface ConnectionStatus extends ConnectionControl {
  circuit: 'closed' | 'open' | 'half-open';
  /** When an open circuit lets a trial call through (ISO). */
  halfOpenAt?: string;
  requests: number;
  failures: number;
  /** Steps waiting for this connection (hold or open circuit). */
  waiting: number;
}

class StatusFailure extends Error {
  constructor(readonly response: OutboundResponse) {
    super(`status ${response.status}`);
  }
}

interface Governed {
  breaker: CircuitBreakerPolicy;
  openedAt?: number;
  throttle?: <T>(fn: () => Promise<T>) => Promise<T>;
  requests: number;
  failures: number;
  waiting: number;
  releaseWaiters: Array<() => void>;
  holdTimer?: NodeJS.Timeout;
}

const isFailure = (response: OutboundResponse) => response.status === 429 || response.status >= 500;

/** Margin past the half-open time, so the trial call is never refused by the breaker's own clock (ms). */
const HALF_OPEN_MARGIN_MS = 25;

export class ConnectionGovernor {
  private readonly governed = new Map<string, Governed>();

  constructor(
    private readonly store: RecordLog<ConnectionControl>,
    private readonly now: () => number = Date.now,
  ) {
    for (const control of store.values()) this.scheduleHoldEnd(control);
  }

  private control(name: string): ConnectionControl {
    return this.store.get(name) ?? { name };
  }

  private state(name: string): Governed {
    let state = this.governed.get(name);
    if (!state) {
      const control = this.control(name);
      const breaker = circuitBreaker(handleWhen((error) => error instanceof StatusFailure || (error instanceof NodeError && error.retryable)), {
        halfOpenAfter: control.halfOpenAfterMs ?? 30_000,
        breaker: new ConsecutiveBreaker(control.failureThreshold ?? 5),
      });
      state = { breaker, requests: 0, failures: 0, waiting: 0, releaseWaiters: [] };
      const governed = state;
      breaker.onBreak(() => (governed.openedAt = this.now()));
      breaker.onReset(() => (governed.openedAt = undefined));
      if (control.rps) {
        const throttled = pThrottle({ limit: control.rps, interval: 1000 })((fn: () => Promise<unknown>) => fn());
        state.throttle = throttled as <T>(fn: () => Promise<T>) => Promise<T>;
      }
      this.governed.set(name, state);
    }
    return state;
  }

  /** Every connection known: with a saved control or used since start. */
  status(): ConnectionStatus[] {
    const names = new Set([...this.store.entries()].map(([name]) => name).concat([...this.governed.keys()]));
    return [...names].sort().map((name) => {
      const control = this.control(name);
      const state = this.governed.get(name);
      const open = state?.breaker.state === CircuitState.Open;
      const halfOpenAfter = control.halfOpenAfterMs ?? 30_000;
      return {
        ...control,
        name,
        circuit: !state ? 'closed' : open ? 'open' : state.breaker.state === CircuitState.HalfOpen ? 'half-open' : 'closed',
        ...(open && state?.openedAt ? { halfOpenAt: new Date(state.openedAt + halfOpenAfter).toISOString() } : {}),
        requests: state?.requests ?? 0,
        failures: state?.failures ?? 0,
        waiting: state?.waiting ?? 0,
      };
    });
  }

  /** Puts a connection on hold (maintenance window); `untilMs` releases it by itself. */
  hold(name: string, reason: string, untilMs?: number): ConnectionControl {
    const control: ConnectionControl = {
      ...this.control(name),
      hold: { reason, since: new Date(this.now()).toISOString(), ...(untilMs ? { until: new Date(untilMs).toISOString() } : {}) },
    };
    this.store.set(name, control);
    this.scheduleHoldEnd(control);
    return control;
  }

  /** Releases a hold: waiting steps drain. */
  release(name: string): ConnectionControl {
    const { hold: _hold, ...rest } = this.control(name);
    this.store.set(name, rest);
    const state = this.governed.get(name);
    if (state) {
      clearTimeout(state.holdTimer);
      for (const wake of state.releaseWaiters.splice(0)) wake();
    }
    return rest;
  }

  /** Sets throttle and breaker limits; they apply to requests from now on. */
  setLimits(name: string, limits: Pick<ConnectionControl, 'rps' | 'failureThreshold' | 'halfOpenAfterMs'>): ConnectionControl {
    const control = { ...this.control(name), ...limits, name };
    for (const key of ['rps', 'failureThreshold', 'halfOpenAfterMs'] as const) if (control[key] === undefined) delete control[key];
    this.store.set(name, control);
    const previous = this.governed.get(name);
    this.governed.delete(name); // rebuilt with the new limits on next use
    if (previous) {
      const next = this.state(name);
      next.releaseWaiters.push(...previous.releaseWaiters);
      next.waiting = previous.waiting;
    }
    return control;
  }

  private scheduleHoldEnd(control: ConnectionControl): void {
    if (!control.hold?.until) return;
    const state = this.state(control.name);
    clearTimeout(state.holdTimer);
    state.holdTimer = setTimeout(() => this.release(control.name), Math.max(0, Date.parse(control.hold.until) - this.now()));
    state.holdTimer.unref();
  }

  /** Why a step must wait before calling `name` now, or undefined when it may go ahead. */
  blocked(name: string): string | undefined {
    const hold = this.control(name).hold;
    if (hold) return `${name} is on hold: ${hold.reason}`;
    const state = this.governed.get(name);
    // cockatiel moves Open → HalfOpen lazily, on the first call after halfOpenAfter: let that call through.
    const halfOpenAt = (state?.openedAt ?? 0) + (this.control(name).halfOpenAfterMs ?? 30_000) + HALF_OPEN_MARGIN_MS;
    if (state?.breaker.state === CircuitState.Open && this.now() < halfOpenAt) return `${name} circuit is open after repeated failures`;
    return undefined;
  }

  /** Waits until `name` is neither on hold nor behind an open circuit. Rejects when `signal` aborts. */
  async admit(name: string, signal: AbortSignal): Promise<void> {
    const state = this.state(name);
    while (this.blocked(name)) {
      state.waiting++;
      try {
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => reject(signal.reason);
          if (signal.aborted) return onAbort();
          signal.addEventListener('abort', onAbort, { once: true });
          const wake = () => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          };
          if (this.control(name).hold) state.releaseWaiters.push(wake);
          else {
            const halfOpenAfter = this.control(name).halfOpenAfterMs ?? 30_000;
            setTimeout(wake, Math.max(10, (state.openedAt ?? this.now()) + halfOpenAfter + HALF_OPEN_MARGIN_MS - this.now()));
          }
        });
      } finally {
        state.waiting--;
      }
    }
  }

  /** Wraps a node's HTTP client: every request to `name` is throttled and counted by its circuit breaker. */
  govern(name: string, http: HttpClient): HttpClient {
    return {
      request: async (request: OutboundRequest) => {
        const state = this.state(name);
        const call = async () => {
          state.requests++;
          try {
            return await state.breaker.execute(async () => {
              const response = await http.request(request);
              if (isFailure(response)) throw new StatusFailure(response);
              return response;
            });
          } catch (error) {
            if (error instanceof StatusFailure) {
              state.failures++;
              return error.response;
            }
            if (error instanceof BrokenCircuitError) {
              const halfOpenAfter = this.control(name).halfOpenAfterMs ?? 30_000;
              throw new NodeError('circuit-open', `${name} circuit is open after repeated failures`, {
                retryable: true,
                retryAfterMs: Math.max(0, (state.openedAt ?? this.now()) + halfOpenAfter - this.now()),
              });
            }
            state.failures++;
            throw error;
          }
        };
        return state.throttle ? state.throttle(call) : call();
      },
    };
  }
}
