/** The one source of "now" for use cases; tests pass a clock they can move. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};
