/**
 * Address-text tables for the region fallback used when a zip is missing or malformed.
 *
 * SIDO_ALIASES: every spelling of each 시도 we accept — official names, old names (전라북도 →
 * 전북특별자치도 in 2024, 강원도 → 강원특별자치도 in 2023, 제주도), and the usual abbreviations.
 * `광주시` is left out on purpose: it is also a city in 경기도.
 *
 * ISLAND_AREAS: island 읍면/리/동/길 from the CJ대한통운 surcharge list
 * (reference/data/cj_surcharge_areas_by_address.csv, source S3), plus 울릉군 entire, plus the island
 * 면 of 옹진군 (the CJ list omits 옹진; 영흥면 is bridged to the mainland and stays MAINLAND). The
 * list's "목포시 사양리" row is a known error of the source (목포 has no 리) and is left out. Anything
 * else in an island county (most of 강화군, 영흥면) is MAINLAND.
 */
export const SIDO_ALIASES: Readonly<Record<string, readonly string[]>> = {
  서울: ['서울', '서울시', '서울특별시'],
  부산: ['부산', '부산시', '부산광역시'],
  대구: ['대구', '대구시', '대구광역시'],
  인천: ['인천', '인천시', '인천광역시'],
  광주: ['광주', '광주광역시'],
  대전: ['대전', '대전시', '대전광역시'],
  울산: ['울산', '울산시', '울산광역시'],
  세종: ['세종', '세종시', '세종특별자치시'],
  경기: ['경기', '경기도'],
  강원: ['강원', '강원도', '강원특별자치도'],
  충북: ['충북', '충청북도'],
  충남: ['충남', '충청남도'],
  전북: ['전북', '전라북도', '전북특별자치도'],
  전남: ['전남', '전라남도'],
  경북: ['경북', '경상북도'],
  경남: ['경남', '경상남도'],
  제주: ['제주', '제주도', '제주특별자치도'],
};

/** 시군구 names that by themselves place an address in Jeju. */
export const JEJU_SIGUNGU: readonly string[] = ['제주시', '서귀포시'];

export interface IslandArea {
  /** Canonical 시도 key of SIDO_ALIASES. */
  sido: string;
  /** 시군구 tokens that name the county (the first is the official one). */
  sigungu: readonly string[];
  /** Island 읍면/리/동/길 tokens inside it; `'entire'` when the whole county is an island. */
  units: readonly string[] | 'entire';
  zone: 'JEJU' | 'REMOTE';
  areaName: string;
}

export const ISLAND_AREAS: readonly IslandArea[] = [
  { sido: '제주', sigungu: ['제주시'], units: ['우도면'], zone: 'JEJU', areaName: '제주 우도면' },
  { sido: '제주', sigungu: ['제주시'], units: ['추자면'], zone: 'JEJU', areaName: '제주 추자면' },
  { sido: '경북', sigungu: ['울릉군', '울릉읍'], units: 'entire', zone: 'REMOTE', areaName: '경북 울릉군' },
  {
    sido: '인천',
    sigungu: ['옹진군'],
    units: ['백령면', '대청면', '연평면', '북도면', '자월면', '덕적면'],
    zone: 'REMOTE',
    areaName: '인천 옹진군 섬지역',
  },
  { sido: '인천', sigungu: ['강화군'], units: ['삼산면', '서도면'], zone: 'REMOTE', areaName: '인천 강화군 섬지역' },
  { sido: '인천', sigungu: ['중구'], units: ['무의동'], zone: 'REMOTE', areaName: '인천 중구 섬지역' },
  { sido: '충남', sigungu: ['당진시'], units: ['난지도리'], zone: 'REMOTE', areaName: '충남 당진시 섬지역' },
  {
    sido: '충남',
    sigungu: ['보령시'],
    units: ['녹도리', '외연도리', '원산도리', '효자도리'],
    zone: 'REMOTE',
    areaName: '충남 보령시 섬지역',
  },
  { sido: '충남', sigungu: ['서산시'], units: ['분점도길', '우도길'], zone: 'REMOTE', areaName: '충남 서산시 섬지역' },
  { sido: '충남', sigungu: ['태안군'], units: ['가의도리'], zone: 'REMOTE', areaName: '충남 태안군 섬지역' },
  { sido: '전북', sigungu: ['군산시'], units: ['옥도면'], zone: 'REMOTE', areaName: '전북 군산시 옥도면' },
  { sido: '전북', sigungu: ['부안군'], units: ['위도면'], zone: 'REMOTE', areaName: '전북 부안군 위도면' },
  { sido: '경남', sigungu: ['거제시'], units: ['화도길'], zone: 'REMOTE', areaName: '경남 거제시 섬지역' },
  {
    sido: '경남',
    sigungu: ['사천시'],
    units: ['신도길', '신수동', '마도동'],
    zone: 'REMOTE',
    areaName: '경남 사천시 섬지역',
  },
  {
    sido: '경남',
    sigungu: ['통영시'],
    units: ['한산면', '욕지면', '사량면', '어의리', '지도리', '곤리리', '연곡리', '저림리', '추도리'],
    zone: 'REMOTE',
    areaName: '경남 통영시 섬지역',
  },
  {
    sido: '전남',
    sigungu: ['고흥군'],
    units: ['득랑리', '봉암리', '시산리', '지죽리', '사양리'],
    zone: 'REMOTE',
    areaName: '전남 고흥군 섬지역',
  },
  {
    sido: '전남',
    sigungu: ['목포시'],
    units: ['달리길', '외달도길', '율도동'],
    zone: 'REMOTE',
    areaName: '전남 목포시 섬지역',
  },
  { sido: '전남', sigungu: ['보성군'], units: ['장도리'], zone: 'REMOTE', areaName: '전남 보성군 섬지역' },
  {
    sido: '전남',
    sigungu: ['여수시'],
    units: ['경호동', '남면', '삼산면'],
    zone: 'REMOTE',
    areaName: '전남 여수시 섬지역',
  },
  { sido: '전남', sigungu: ['영광군'], units: ['낙월면'], zone: 'REMOTE', areaName: '전남 영광군 낙월면' },
  {
    sido: '전남',
    sigungu: ['완도군'],
    units: [
      '당인리',
      '불목리',
      '영풍리',
      '황진리',
      '금당면',
      '금일읍',
      '노화읍',
      '보길면',
      '생일면',
      '소안면',
      '청산면',
    ],
    zone: 'REMOTE',
    areaName: '전남 완도군 섬지역',
  },
  { sido: '전남', sigungu: ['진도군'], units: ['조도면'], zone: 'REMOTE', areaName: '전남 진도군 조도면' },
];
