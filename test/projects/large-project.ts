/** A saved project whose one run holds `weightsBytes` of random weights (random: it stays that large zipped). */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ProjectService } from '../../src-main/projects/project-service';
import { makeRun, specFor, writeCsv } from './fixtures';

export async function largeProjectFile(work: string, weightsBytes: number): Promise<string> {
  const spec = specFor(await writeCsv(work));
  const runsDir = join(work, 'app', 'runs');
  const svc = new ProjectService({ dataDir: join(work, 'app') });
  await svc.setSpec(spec);
  const run = await makeRun(runsDir, 'run-big', spec);
  await writeFile(join(runsDir, 'run-big', 'model', 'weights.bin'), randomBytes(weightsBytes));
  svc.addRun(run, join(runsDir, 'run-big'));
  const file = join(work, 'large.rsproj');
  await svc.save(file);
  svc.dispose();
  return file;
}
