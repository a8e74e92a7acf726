/**
 * Default shipping-zone zip table: 5-digit zip ranges (inclusive) outside MAINLAND.
 *
 * Built by hand from reference/data/remote_area_zip_ranges.csv (sources S1/S2, cross-checked
 * against the S3 CJ address list and the S4 시군구 min/max table). Known defects of the copied lists
 * are corrected here: the widely copied `28826` is `58826` (신안; 28826 is 청주, MAINLAND), and
 * 54000 is 전북 군산 옥도면, not 경남 통영. S5/S6 lists are unreliable and were not used.
 * Couriers disagree (CJ surcharges 우도/추자 inside Jeju, some carriers charge nothing for 울릉), so
 * this is a starting point: merchants add override ranges, which take precedence.
 *
 * When ranges overlap, the narrowest one wins (우도 63365 and 추자 63000–63001 inside Jeju).
 */
export interface ZipZoneRange {
  from: number;
  to: number;
  zone: 'JEJU' | 'REMOTE';
  areaName: string;
}

export const ZIP_ZONES: readonly ZipZoneRange[] = [
  { from: 63000, to: 63644, zone: 'JEJU', areaName: '제주특별자치도' },
  { from: 63000, to: 63001, zone: 'JEJU', areaName: '제주 추자면' },
  { from: 63365, to: 63365, zone: 'JEJU', areaName: '제주 우도면' },
  { from: 22386, to: 22388, zone: 'REMOTE', areaName: '인천 중구 섬지역' },
  { from: 23004, to: 23010, zone: 'REMOTE', areaName: '인천 강화군 섬지역' },
  // 옹진 23117–23123 (영흥면, bridged to the mainland) is deliberately not listed.
  { from: 23100, to: 23116, zone: 'REMOTE', areaName: '인천 옹진군 섬지역' },
  { from: 23124, to: 23136, zone: 'REMOTE', areaName: '인천 옹진군 섬지역' },
  { from: 31708, to: 31708, zone: 'REMOTE', areaName: '충남 당진시 섬지역' },
  { from: 32133, to: 32133, zone: 'REMOTE', areaName: '충남 태안군 섬지역' },
  { from: 33411, to: 33411, zone: 'REMOTE', areaName: '충남 보령시 섬지역' },
  { from: 40200, to: 40240, zone: 'REMOTE', areaName: '경북 울릉군' },
  { from: 46768, to: 46771, zone: 'REMOTE', areaName: '부산 강서구 섬지역' },
  { from: 52570, to: 52571, zone: 'REMOTE', areaName: '경남 사천시 섬지역' },
  { from: 53031, to: 53033, zone: 'REMOTE', areaName: '경남 통영시 섬지역' },
  { from: 53089, to: 53104, zone: 'REMOTE', areaName: '경남 통영시 섬지역' },
  { from: 54000, to: 54000, zone: 'REMOTE', areaName: '전북 군산시 옥도면' },
  { from: 56347, to: 56349, zone: 'REMOTE', areaName: '전북 부안군 위도면' },
  { from: 57068, to: 57069, zone: 'REMOTE', areaName: '전남 영광군 낙월면' },
  { from: 58760, to: 58762, zone: 'REMOTE', areaName: '전남 목포시 섬지역' },
  { from: 58800, to: 58810, zone: 'REMOTE', areaName: '전남 신안군 섬지역' },
  { from: 58816, to: 58818, zone: 'REMOTE', areaName: '전남 신안군 섬지역' },
  { from: 58826, to: 58826, zone: 'REMOTE', areaName: '전남 신안군 섬지역' },
  { from: 58828, to: 58866, zone: 'REMOTE', areaName: '전남 신안군 섬지역' },
  { from: 58953, to: 58958, zone: 'REMOTE', areaName: '전남 진도군 조도면' },
  { from: 59102, to: 59103, zone: 'REMOTE', areaName: '전남 완도군 섬지역' },
  { from: 59106, to: 59106, zone: 'REMOTE', areaName: '전남 완도군 섬지역' },
  { from: 59127, to: 59127, zone: 'REMOTE', areaName: '전남 완도군 섬지역' },
  { from: 59129, to: 59129, zone: 'REMOTE', areaName: '전남 완도군 섬지역' },
  { from: 59137, to: 59166, zone: 'REMOTE', areaName: '전남 완도군 섬지역' },
  { from: 59421, to: 59421, zone: 'REMOTE', areaName: '전남 보성군 섬지역' },
  { from: 59531, to: 59531, zone: 'REMOTE', areaName: '전남 고흥군 섬지역' },
  { from: 59551, to: 59551, zone: 'REMOTE', areaName: '전남 고흥군 섬지역' },
  { from: 59563, to: 59563, zone: 'REMOTE', areaName: '전남 고흥군 섬지역' },
  { from: 59568, to: 59568, zone: 'REMOTE', areaName: '전남 고흥군 섬지역' },
  { from: 59650, to: 59650, zone: 'REMOTE', areaName: '전남 여수시 섬지역' },
  { from: 59766, to: 59766, zone: 'REMOTE', areaName: '전남 여수시 섬지역' },
  { from: 59781, to: 59790, zone: 'REMOTE', areaName: '전남 여수시 섬지역' },
];
