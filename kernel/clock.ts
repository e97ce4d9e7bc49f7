/** The time, injectable: trash purges, retention and billing periods read it, and tests move it forward. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
