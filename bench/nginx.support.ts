import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const nginxBinary = '/usr/sbin/nginx';

/**
 * Debian's nginx serving a directory of static files, the reference for how
 * fast this machine can answer HTTP at all: started in the foreground on a
 * port of its own, with its state in `workDir`, and stopped by the caller.
 * Null (with the reason printed) when nginx is not installed.
 */
export async function startNginx(root: string, workDir: string, port: number): Promise<{ url: string; stop(): void } | null> {
  if (!existsSync(nginxBinary)) {
    console.log('nginx is not installed (apt-get install nginx-light): the static reference is left out');
    return null;
  }
  mkdirSync(workDir, { recursive: true });
  const config = join(workDir, 'nginx.conf');
  writeFileSync(
    config,
    `daemon off;
worker_processes auto;
user root;
pid ${join(workDir, 'nginx.pid')};
error_log ${join(workDir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${workDir}/body;
  proxy_temp_path ${workDir}/proxy;
  fastcgi_temp_path ${workDir}/fastcgi;
  uwsgi_temp_path ${workDir}/uwsgi;
  scgi_temp_path ${workDir}/scgi;
  default_type text/html;
  charset utf-8;
  etag on;
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`,
  );
  const child: ChildProcess = spawn(nginxBinary, ['-c', config, '-p', workDir], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await fetch(`${url}/`);
      return { url, stop: () => child.kill('SIGQUIT') };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not start on port ${port} (see ${join(workDir, 'error.log')})`);
}
