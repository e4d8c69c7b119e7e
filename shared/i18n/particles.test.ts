import { describe, expect, it } from 'vitest';
import { finalSound, particle, resolveParticles } from './particles';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('finalSound', () => {
  it('reads Hangul by its final consonant', () => {
    expect(finalSound('서버')).toBe('vowel');
    expect(finalSound('규칙')).toBe('consonant');
    expect(finalSound('파일')).toBe('rieul');
    expect(finalSound('“라우터”')).toBe('vowel');
  });
  it('reads digits as Korean numbers', () => {
    expect(finalSound('203.0.113.80')).toBe('consonant'); // 팔십
    expect(finalSound('192.168.0.1')).toBe('rieul'); // 일
    expect(finalSound('198.51.100.53')).toBe('consonant'); // 삼
    expect(finalSound('10.0.0.2')).toBe('vowel'); // 이
    expect(finalSound('port 8')).toBe('rieul'); // 팔
    expect(finalSound('eth0')).toBe('consonant'); // 영
    expect(finalSound('100')).toBe('consonant'); // 백
    expect(finalSound('5')).toBe('vowel'); // 오
    expect(finalSound('aa:bb:cc:00:00:09')).toBe('vowel'); // 구
  });
  it('says acronyms letter by letter and words as Korean spells them', () => {
    for (const vowel of [
      'pc',
      'sw',
      'fw',
      'tld',
      'DNS',
      'HTTP',
      'isp',
      'resolver',
      'root',
      'core',
      'cache',
      'alice',
      'auth',
      'server',
      'dmz',
      '0x1a2b',
    ])
      expect(finalSound(vowel), vowel).toBe('vowel');
    for (const consonant of ['web', 'home', 'bob', 'www.example.com', 'web.lan', 'net', 'app', 'SYN', 'name', 'stack'])
      expect(finalSound(consonant), consonant).toBe('consonant');
    for (const rieul of ['mail', 'file', 'TTL', 'r', 'hotel']) expect(finalSound(rieul), rieul).toBe('rieul');
  });
  it('skips quotes, brackets, a trailing dot or slash', () => {
    expect(finalSound('"web"')).toBe('consonant');
    expect(finalSound('example.com.')).toBe('consonant');
    expect(finalSound('http://www.example.com/')).toBe('consonant');
    expect(finalSound('')).toBeUndefined();
    expect(finalSound('→')).toBeUndefined();
  });
});

describe('particle and resolveParticles', () => {
  it('chooses each pair by the final sound; ㄹ takes 로', () => {
    expect(particle('pc', '을(를)')).toBe('를');
    expect(particle('web', '을(를)')).toBe('을');
    expect(particle('pc', '이(가)')).toBe('가');
    expect(particle('규칙 r1', '이(가)')).toBe('이');
    expect(particle('home', '은(는)')).toBe('은');
    expect(particle('resolver', '은(는)')).toBe('는');
    expect(particle('203.0.113.80', '(으)로')).toBe('으로');
    expect(particle('192.168.0.1', '(으)로')).toBe('로'); // 일: ㄹ takes 로
    expect(particle('파일', '(으)로')).toBe('로');
    expect(particle('eth0', '(으)로')).toBe('으로');
    expect(particle('10.0.0.2', '(으)로')).toBe('로');
    expect(particle('web', '와(과)')).toBe('과');
    expect(particle('pc', '와(과)')).toBe('와');
    expect(particle('web', '(이)라')).toBe('이라');
    expect(particle('pc', '(이)라')).toBe('라');
  });
  it('resolves every pair in a sentence and leaves other brackets alone', () => {
    expect(resolveParticles('pc을(를) 열 수 없습니다')).toBe('pc를 열 수 없습니다');
    expect(resolveParticles('"www.example.com"은(는) 올바른 주소(URL)입니다')).toBe(
      '"www.example.com"은 올바른 주소(URL)입니다',
    );
    expect(resolveParticles('규칙 r1이(가) 192.168.0.1(으)로 보냄, 시간(초)')).toBe(
      '규칙 r1이 192.168.0.1로 보냄, 시간(초)',
    );
    expect(resolveParticles('no pairs here')).toBe('no pairs here');
  });
  it('every pair in the Korean texts follows an interpolated value', () => {
    const dir = join(__dirname, 'ko');
    const pair = /을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|과\(와\)|와\(과\)|\(으\)로|\(이\)라/g;
    const loose: string[] = [];
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(pair)) {
        const before = text.slice(0, m.index).replace(/\\?["”’]$/, '');
        if (!before.endsWith('}}')) loose.push(`${file}: …${text.slice(m.index! - 12, m.index! + 4)}`);
      }
    }
    expect(loose).toEqual([]);
  });
  it('no Korean text writes a fixed particle after a value (it would be wrong for half of the values)', () => {
    const dir = join(__dirname, 'ko');
    const fixed: string[] = [];
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/\}\}(?:\\"|[”’])?(을|를|이|가|은|는|과|와|으로|로|이라|라)(?![가-힣(])/g))
        fixed.push(`${file}: …${text.slice(m.index! - 12, m.index! + 6)}`);
    }
    expect(fixed).toEqual([]);
  });
});
