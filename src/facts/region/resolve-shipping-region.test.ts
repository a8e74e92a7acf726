import { describe, expect, it } from 'vitest';
import { resolveShippingRegion } from './resolve-shipping-region.js';
import type { RegionOverride } from './region-override.js';

const byZip = (zip: string) => resolveShippingRegion({ zip, address: null });
const byAddress = (address: string, zip: string | null = null) => resolveShippingRegion({ zip, address });

describe('resolveShippingRegion by zip', () => {
  it.each(['63000', '63100', '63309', '63644'])('places Jeju zip %s in JEJU', (zip) => {
    expect(byZip(zip).zone).toBe('JEJU');
    expect(byZip(zip).source).toBe('zip');
  });

  it('names Jeju proper as 제주특별자치도', () => {
    expect(byZip('63309')).toEqual({ zone: 'JEJU', areaName: '제주특별자치도', source: 'zip' });
  });

  it('keeps 우도 (63365) in JEJU with its own area name', () => {
    expect(byZip('63365')).toEqual({ zone: 'JEJU', areaName: '제주 우도면', source: 'zip' });
  });

  it.each(['63000', '63001'])('keeps 추자 (%s) in JEJU with its own area name', (zip) => {
    expect(byZip(zip)).toEqual({ zone: 'JEJU', areaName: '제주 추자면', source: 'zip' });
  });

  it('leaves zips just outside Jeju on the mainland', () => {
    expect(byZip('62999').zone).toBe('MAINLAND');
    expect(byZip('63645').zone).toBe('MAINLAND');
  });

  it.each(['40200', '40220', '40240'])('places 울릉 zip %s in REMOTE', (zip) => {
    expect(byZip(zip)).toEqual({ zone: 'REMOTE', areaName: '경북 울릉군', source: 'zip' });
  });

  it('leaves 40199 and 40241 (outside 울릉) on the mainland', () => {
    expect(byZip('40199').zone).toBe('MAINLAND');
    expect(byZip('40241').zone).toBe('MAINLAND');
  });

  it('places 옹진 island zips in REMOTE and bridged 영흥면 zips (23117–23123) in MAINLAND', () => {
    expect(byZip('23100').zone).toBe('REMOTE');
    expect(byZip('23116').zone).toBe('REMOTE');
    expect(byZip('23124').zone).toBe('REMOTE');
    expect(byZip('23136').zone).toBe('REMOTE');
    expect(byZip('23117').zone).toBe('MAINLAND');
    expect(byZip('23123').zone).toBe('MAINLAND');
  });

  it('places only 강화 island zips (23004–23010) in REMOTE, mainland 강화 in MAINLAND', () => {
    expect(byZip('23004').zone).toBe('REMOTE');
    expect(byZip('23010').zone).toBe('REMOTE');
    expect(byZip('23011').zone).toBe('MAINLAND');
    expect(byZip('23050').zone).toBe('MAINLAND');
  });

  it('places 신안 58826 in REMOTE but 28826 (청주, the copied typo) in MAINLAND', () => {
    expect(byZip('58826')).toEqual({ zone: 'REMOTE', areaName: '전남 신안군 섬지역', source: 'zip' });
    expect(byZip('28826')).toEqual({ zone: 'MAINLAND', areaName: null, source: 'zip' });
  });

  it('decides 28826 by zip even when the address says 청주', () => {
    expect(byAddress('충청북도 청주시 흥덕구 가경동 1', '28826').zone).toBe('MAINLAND');
  });

  it('names 54000 as 군산 옥도면, not 통영', () => {
    expect(byZip('54000')).toEqual({ zone: 'REMOTE', areaName: '전북 군산시 옥도면', source: 'zip' });
  });

  it('places Seoul 06258 on the mainland', () => {
    expect(byZip('06258')).toEqual({ zone: 'MAINLAND', areaName: null, source: 'zip' });
  });

  it('lets the zip win over a contradicting address', () => {
    expect(byAddress('제주특별자치도 제주시 연동', '06258').zone).toBe('MAINLAND');
  });

  it('accepts a zip with surrounding spaces', () => {
    expect(byZip(' 63309 ').zone).toBe('JEJU');
  });
});

describe('resolveShippingRegion by address when the zip is missing or malformed', () => {
  it('places a 제주 address without zip in JEJU', () => {
    expect(byAddress('제주특별자치도 제주시 첨단로 242')).toEqual({
      zone: 'JEJU',
      areaName: '제주특별자치도',
      source: 'address',
    });
  });

  it.each(['제주 서귀포시 중정로 1', '제주도 제주시 연동 1', '서귀포시 성산읍 1'])(
    'recognises the Jeju spelling in %s',
    (address) => {
      expect(byAddress(address).zone).toBe('JEJU');
    },
  );

  it('names 우도 and 추자 from the address', () => {
    expect(byAddress('제주특별자치도 제주시 우도면 연평리 1')).toMatchObject({
      zone: 'JEJU',
      areaName: '제주 우도면',
    });
    expect(byAddress('제주 제주시 추자면 대서리 1')).toMatchObject({ zone: 'JEJU', areaName: '제주 추자면' });
  });

  it('falls back to the address for a malformed zip (old 6-digit form)', () => {
    expect(byAddress('제주특별자치도 제주시 연동 1', '690-021')).toMatchObject({
      zone: 'JEJU',
      source: 'address',
    });
  });

  it('places all of 울릉군 in REMOTE, under any 경북 spelling', () => {
    expect(byAddress('경상북도 울릉군 울릉읍 도동리 1').zone).toBe('REMOTE');
    expect(byAddress('경북 울릉군 서면 1').zone).toBe('REMOTE');
  });

  it('places 옹진 island 면 in REMOTE and bridged 영흥면 in MAINLAND', () => {
    expect(byAddress('인천광역시 옹진군 백령면 진촌리 1')).toMatchObject({
      zone: 'REMOTE',
      areaName: '인천 옹진군 섬지역',
    });
    expect(byAddress('인천 옹진군 덕적면 1').zone).toBe('REMOTE');
    expect(byAddress('인천광역시 옹진군 영흥면 영흥로 1')).toEqual({
      zone: 'MAINLAND',
      areaName: null,
      source: 'address',
    });
  });

  it('keeps mainland 강화 in MAINLAND and its island 면 in REMOTE', () => {
    expect(byAddress('인천광역시 강화군 강화읍 1').zone).toBe('MAINLAND');
    expect(byAddress('인천광역시 강화군 서도면 1').zone).toBe('REMOTE');
  });

  it('recognises old and new names of 전북 and 강원', () => {
    expect(byAddress('전라북도 군산시 옥도면 1').zone).toBe('REMOTE');
    expect(byAddress('전북특별자치도 군산시 옥도면 1').zone).toBe('REMOTE');
    expect(byAddress('전북특별자치도 군산시 나운동 1')).toMatchObject({
      zone: 'MAINLAND',
      source: 'address',
    });
    expect(byAddress('강원도 춘천시 1')).toMatchObject({ zone: 'MAINLAND', source: 'address' });
    expect(byAddress('강원특별자치도 춘천시 1')).toMatchObject({ zone: 'MAINLAND', source: 'address' });
  });

  it('reads island units written in parentheses, as road-name addresses do', () => {
    expect(byAddress('인천광역시 중구 큰무리로 1 (무의동)').zone).toBe('REMOTE');
  });

  it('does not take an island name of one 시도 for another', () => {
    // 중구 무의동 is an island only in 인천.
    expect(byAddress('서울특별시 중구 무의동 1').zone).toBe('MAINLAND');
  });

  it('matches a generic 면 name only inside its county', () => {
    expect(byAddress('전라남도 여수시 남면 1').zone).toBe('REMOTE');
    expect(byAddress('강원특별자치도 정선군 남면 1').zone).toBe('MAINLAND');
  });

  it('defaults to MAINLAND when neither zip nor address says anything', () => {
    expect(resolveShippingRegion({ zip: null, address: null })).toEqual({
      zone: 'MAINLAND',
      areaName: null,
      source: 'default',
    });
    expect(byAddress('Sindaebang dong Dongjak-gu, Seoul', 'abcde').source).toBe('default');
  });
});

describe('resolveShippingRegion merchant overrides', () => {
  const overrides: RegionOverride[] = [
    { from: '63365', to: '63365', zone: 'REMOTE', areaName: '우도 (택배사 별도 할증)' },
    { from: '40200', to: '40240', zone: 'MAINLAND', areaName: null },
    { from: '10000', to: '10010', zone: 'REMOTE', areaName: '테스트 지역' },
  ];

  it('takes precedence over the default table', () => {
    expect(resolveShippingRegion({ zip: '63365', address: null }, overrides)).toEqual({
      zone: 'REMOTE',
      areaName: '우도 (택배사 별도 할증)',
      source: 'override',
    });
    expect(resolveShippingRegion({ zip: '40210', address: null }, overrides).zone).toBe('MAINLAND');
  });

  it('adds ranges the table does not know', () => {
    expect(resolveShippingRegion({ zip: '10005', address: null }, overrides).zone).toBe('REMOTE');
  });

  it('leaves zips outside every override to the table', () => {
    expect(resolveShippingRegion({ zip: '63309', address: null }, overrides)).toMatchObject({
      zone: 'JEJU',
      source: 'zip',
    });
  });
});
