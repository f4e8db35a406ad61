/** The machine a run happened on, for the results and BASELINE.md. */
import { execFile } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { chromiumScript } from './chromium.js';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  chromium: string;
  platform: string;
}

export async function machineInfo(): Promise<MachineInfo> {
  let chromium = 'chromium not found';
  try {
    const { stdout } = await promisify(execFile)(
      (await chromiumScript()).chromiumPath(),
      ['--version'],
      { timeout: 10_000 },
    );
    chromium = stdout.trim();
  } catch {
    // Reported as not found; the browser benchmarks say so too.
  }
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    chromium,
    platform: `${process.platform} ${process.arch}`,
  };
}
