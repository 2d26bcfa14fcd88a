// AutoEdge: edges the resources ask for themselves (files under managed
// directories, exec on the files it runs), only towards resources that exist.

import { describe, expect, it } from 'vitest';
import { lines } from '../helpers/compile.js';

describe('file autoedges', () => {
  it('connects a file to its nearest managed parent directory only', async () => {
    const prog = 'file "/srv/" {}\nfile "/srv/app/" {}\nfile "/srv/app/conf" {}\nfile "/srv/other" {}\n';
    expect(await lines(prog)).toEqual([
      'Edge: file[/srv/] -> file[/srv/app/] # file[/srv/] -> file[/srv/app/]',
      'Edge: file[/srv/] -> file[/srv/other] # file[/srv/] -> file[/srv/other]',
      'Edge: file[/srv/app/] -> file[/srv/app/conf] # file[/srv/app/] -> file[/srv/app/conf]',
      'Vertex: file[/srv/]',
      'Vertex: file[/srv/app/]',
      'Vertex: file[/srv/app/conf]',
      'Vertex: file[/srv/other]',
    ]);
  });

  it('uses the path param and fragments', async () => {
    const prog = 'file "/d/" {}\nfile "named" {\n\tpath => "/d/real",\n}\nfile "/frag" {}\nfile "/whole" {\n\tfragments => ["/frag"],\n}\n';
    const got = await lines(prog);
    expect(got).toContain('Edge: file[/d/] -> file[named] # file[/d/] -> file[named]');
    expect(got).toContain('Edge: file[/frag] -> file[/whole] # file[/frag] -> file[/whole]');
  });

  it('adds nothing when the parent is not managed or autoedge is off', async () => {
    expect(await lines('file "/x/y" {}\n')).toEqual(['Vertex: file[/x/y]']);
    const off = 'file "/x/" {}\nfile "/x/y" {\n\tMeta:autoedge => false,\n}\n';
    expect(await lines(off)).toEqual(['Vertex: file[/x/]', 'Vertex: file[/x/y]']);
  });
});

describe('exec autoedges', () => {
  it('depends on the file it runs, when that file is managed', async () => {
    const prog = 'file "/usr/local/bin/tool" {}\nexec "run" {\n\tcmd => "/usr/local/bin/tool --flag",\n\tshell => "",\n}\n';
    expect(await lines(prog)).toContain('Edge: file[/usr/local/bin/tool] -> exec[run] # file[/usr/local/bin/tool] -> exec[run]');
    expect(await lines('exec "alone" {\n\tcmd => "/bin/true",\n}\n')).toEqual(['Vertex: exec[alone]']);
  });
});
