/** Deploy failures, each with a message that says what to do next. */
export class DeployError extends Error {
  override readonly name: string = 'DeployError';
  constructor(
    message: string,
    /** True when the connection itself broke (a retry on a new connection may finish the job). */
    readonly connectionLost = false,
  ) {
    super(message);
  }
}

export class HostKeyError extends DeployError {
  override readonly name = 'HostKeyError';
}

export class CancelledError extends DeployError {
  override readonly name = 'CancelledError';
  constructor() {
    super('Cancelled. Every remote file is either the old or the new version; run the deploy again to finish.');
  }
}
