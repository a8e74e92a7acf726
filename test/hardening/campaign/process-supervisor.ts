import { startRoleProcess, type RoleProcess } from '../../pipeline/worker-process.js';

/** An exit the campaign did not cause, with what the process wrote last. */
export interface UnexpectedExit {
  role: 'web' | 'worker';
  /** How long the process had been running. */
  afterMs: number;
  stderr: string;
}

/**
 * Keeps one `passwing web|worker` process running, as systemd or Kubernetes would: whenever it exits
 * (killed by the campaign, or failing because the database is down at startup) it is started again
 * after `restartDelayMs`. Exits the campaign did not cause are recorded.
 */
export class SupervisedProcess {
  current: RoleProcess;
  readonly unexpectedExits: UnexpectedExit[] = [];
  private stopped = false;
  private killing = false;

  constructor(
    readonly role: 'web' | 'worker',
    private readonly env: Record<string, string>,
    private readonly restartDelayMs: number,
  ) {
    this.current = this.launch();
  }

  /** kill -9 of the current process; it is restarted after the delay. */
  async kill9(): Promise<void> {
    this.killing = true;
    await this.current.kill9();
  }

  /** SIGTERM and no restart. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.current.stop();
  }

  private launch(): RoleProcess {
    const child = startRoleProcess(this.role, this.env);
    const startedAt = Date.now();
    void child.exited.then(() => {
      if (this.stopped) return;
      if (this.killing) this.killing = false;
      else
        this.unexpectedExits.push({
          role: this.role,
          afterMs: Date.now() - startedAt,
          stderr: child.stderr(),
        });
      setTimeout(() => {
        if (!this.stopped) this.current = this.launch();
      }, this.restartDelayMs);
    });
    return child;
  }
}
