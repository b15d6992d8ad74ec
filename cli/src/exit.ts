/** Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input. */
export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;
