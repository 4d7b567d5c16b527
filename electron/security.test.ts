import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  injectBridgeToken,
  isAppUrl,
  isNavigationAllowed,
  isPermissionAllowed,
  mimeTypeFor,
  rendererFileFor,
  resolveInsideDir,
} from './security';

describe('isAppUrl / isNavigationAllowed', () => {
  it.each(['app://etal/index.html', 'app://etal/', 'app://etal/assets/index-abc.js?x=1#y'])('allows %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
    expect(isNavigationAllowed(url)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:5178/',
    'file:///etc/passwd',
    'app://etal',
    'app://etal.evil.com/index.html',
    'app://etal@evil.com/index.html',
    'app://evil/index.html',
    'APP://ETAL/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
    expect(isNavigationAllowed(url)).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  it('grants persistent storage to the app page, by URL or by origin', () => {
    expect(isPermissionAllowed('persistent-storage', 'app://etal/index.html')).toBe(true);
    expect(isPermissionAllowed('persistent-storage', 'app://etal')).toBe(true);
  });

  it('refuses persistent storage to any other origin', () => {
    expect(isPermissionAllowed('persistent-storage', 'https://example.com')).toBe(false);
    expect(isPermissionAllowed('persistent-storage', 'app://etal.evil')).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'unknown'])(
    'refuses %s even to the app page',
    (permission) => {
      expect(isPermissionAllowed(permission, 'app://etal/index.html')).toBe(false);
    },
  );
});

describe('resolveInsideDir', () => {
  const dir = path.resolve('/data/exports');

  it('resolves a plain name inside the folder', () => {
    expect(resolveInsideDir(dir, 'sales.csv')).toBe(path.join(dir, 'sales.csv'));
  });

  it('keeps a file whose name merely starts with two dots', () => {
    expect(resolveInsideDir(dir, '..notes.txt')).toBe(path.join(dir, '..notes.txt'));
  });

  it.each(['../secret.txt', '../../etc/passwd', 'a/../../x', '/etc/passwd', '', '.', 'a\0b'])('refuses %j', (name) => {
    expect(resolveInsideDir(dir, name)).toBeNull();
  });
});

describe('rendererFileFor', () => {
  const dir = path.resolve('/app/dist/renderer');

  it('maps / to index.html and decodes percent-escapes', () => {
    expect(rendererFileFor(dir, '/')).toBe(path.join(dir, 'index.html'));
    expect(rendererFileFor(dir, '/assets/a%20b.js')).toBe(path.join(dir, 'assets', 'a b.js'));
  });

  it.each(['/..%2f..%2fetc%2fpasswd', '/%2e%2e/secret', '/..\\secret', '/%E0%A4%A', '/a%00.js'])('refuses %s', (p) => {
    expect(rendererFileFor(dir, p)).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it('gives browsers a type they will execute only for scripts', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/x/f.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/x/logo.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
    expect(mimeTypeFor('/x/noext')).toBe('application/octet-stream');
  });
});

describe('injectBridgeToken', () => {
  it('fills the placeholder meta in place', () => {
    const html = '<html><head><meta name="etal-bridge-token" content="" /><title>t</title></head></html>';
    const out = injectBridgeToken(html, 'tok123');
    expect(out).toBe('<html><head><meta name="etal-bridge-token" content="tok123"><title>t</title></head></html>');
  });

  it('inserts the meta at the start of head when there is no placeholder', () => {
    const out = injectBridgeToken('<html><head lang="fr"><title>t</title></head></html>', 'tok');
    expect(out).toMatch(/<head lang="fr">\s*<meta name="etal-bridge-token" content="tok"><title>/);
  });

  it('escapes the token so it cannot break out of the attribute', () => {
    const out = injectBridgeToken('<head></head>', '"><script>');
    expect(out).toContain('content="&quot;&gt;&lt;script&gt;"');
    expect(out).not.toContain('<script>');
  });

  it('does not treat $ patterns in the token as replacement syntax', () => {
    const out = injectBridgeToken('<head><meta name="etal-bridge-token" content=""></head>', "$&$'");
    expect(out).toContain('content="$&amp;$\'"');
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows no remote origin and no inline script', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d] as const));
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('connect-src')).toBe("connect-src 'self'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});
