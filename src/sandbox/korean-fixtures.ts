import type { AddressRecord, CustomerGroupRecord } from './mall-records.js';

/**
 * Fake but realistic Korean mall data. Names are common given names on common surnames (no real
 * person); phone numbers use the reserved-looking 010-0000-xxxx block; zips are real 5-digit
 * 우편번호 of the areas named, so zone lookups (JEJU, REMOTE, MAINLAND) behave as in production.
 */

export const FAMILY_NAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오'] as const;
export const GIVEN_NAMES = [
  '민준',
  '서연',
  '도윤',
  '하은',
  '지호',
  '서윤',
  '예준',
  '지우',
  '시우',
  '수아',
  '주원',
  '지민',
  '하준',
  '채원',
  '유준',
  '다은',
] as const;

export type AddressZone = 'MAINLAND' | 'JEJU' | 'REMOTE';

export interface AddressFixture extends AddressRecord {
  zone: AddressZone;
  /** Relative frequency among generated orders. */
  weight: number;
}

export const ADDRESSES: readonly AddressFixture[] = [
  {
    zone: 'MAINLAND',
    weight: 10,
    zipcode: '06236',
    address1: '서울특별시 강남구 테헤란로 152',
    address2: '12층',
  },
  {
    zone: 'MAINLAND',
    weight: 8,
    zipcode: '06035',
    address1: '서울특별시 강남구 가로수길 5',
    address2: '2층 201호',
  },
  {
    zone: 'MAINLAND',
    weight: 8,
    zipcode: '04524',
    address1: '서울특별시 중구 세종대로 110',
    address2: '101동 1001호',
  },
  {
    zone: 'MAINLAND',
    weight: 7,
    zipcode: '03925',
    address1: '서울특별시 마포구 월드컵북로 400',
    address2: '5층',
  },
  {
    zone: 'MAINLAND',
    weight: 6,
    zipcode: '13529',
    address1: '경기도 성남시 분당구 판교역로 166',
    address2: '3층',
  },
  {
    zone: 'MAINLAND',
    weight: 6,
    zipcode: '16499',
    address1: '경기도 수원시 영통구 월드컵로 206',
    address2: '202동 502호',
  },
  {
    zone: 'MAINLAND',
    weight: 5,
    zipcode: '48058',
    address1: '부산광역시 해운대구 센텀중앙로 79',
    address2: '1502호',
  },
  { zone: 'MAINLAND', weight: 4, zipcode: '41911', address1: '대구광역시 중구 공평로 88', address2: '301호' },
  { zone: 'MAINLAND', weight: 4, zipcode: '61945', address1: '광주광역시 서구 내방로 111', address2: '7층' },
  { zone: 'MAINLAND', weight: 3, zipcode: '35242', address1: '대전광역시 서구 둔산로 100', address2: '11층' },
  { zone: 'JEJU', weight: 3, zipcode: '63122', address1: '제주특별자치도 제주시 문연로 6', address2: '1층' },
  {
    zone: 'JEJU',
    weight: 2,
    zipcode: '63535',
    address1: '제주특별자치도 서귀포시 중앙로 105',
    address2: '2층',
  },
  {
    zone: 'JEJU',
    weight: 1,
    zipcode: '63365',
    address1: '제주특별자치도 제주시 우도면 우도해안길 1',
    address2: '',
  },
  {
    zone: 'JEJU',
    weight: 1,
    zipcode: '63000',
    address1: '제주특별자치도 제주시 추자면 추자로 1',
    address2: '',
  },
  { zone: 'REMOTE', weight: 1, zipcode: '40225', address1: '경상북도 울릉군 울릉읍 도동길 1', address2: '' },
  {
    zone: 'REMOTE',
    weight: 1,
    zipcode: '58826',
    address1: '전라남도 신안군 흑산면 흑산일주로 1',
    address2: '',
  },
  {
    zone: 'REMOTE',
    weight: 1,
    zipcode: '23116',
    address1: '인천광역시 옹진군 백령면 백령로 1',
    address2: '',
  },
];

export const CUSTOMER_GROUPS: readonly CustomerGroupRecord[] = [
  { groupNo: 1, name: '일반회원', description: '가입 회원', discountPercent: 0 },
  { groupNo: 2, name: '실버', description: '누적 구매 30만원 이상', discountPercent: 1 },
  { groupNo: 3, name: '골드', description: '누적 구매 70만원 이상', discountPercent: 3 },
  { groupNo: 4, name: 'VIP', description: '누적 구매 100만원 이상', discountPercent: 5 },
];

export interface ProductFixture {
  name: string;
  price: number;
  tags: readonly string[];
  options: readonly string[];
  /** Initial stock per variant; null = inventory not tracked. */
  stock: number | null;
  weight: number;
}

/** Prices cluster around the 50,000 (free shipping) and 100,000 (HIGH_VALUE) boundaries. */
export const PRODUCTS: readonly ProductFixture[] = [
  {
    name: '데일리 코튼 티셔츠',
    price: 19_900,
    tags: ['BEST'],
    options: ['화이트/M', '화이트/L', '블랙/M'],
    stock: 120,
    weight: 10,
  },
  {
    name: '린넨 와이드 팬츠',
    price: 39_000,
    tags: ['NEW'],
    options: ['베이지/S', '베이지/M'],
    stock: 40,
    weight: 6,
  },
  {
    name: '캐시미어 블렌드 니트',
    price: 89_000,
    tags: ['BEST'],
    options: ['그레이/FREE', '네이비/FREE'],
    stock: 25,
    weight: 5,
  },
  { name: '울 롱 코트', price: 199_000, tags: [], options: ['카멜/M', '차콜/L'], stock: 8, weight: 2 },
  { name: '제주 감귤 5kg', price: 25_000, tags: ['SAME_DAY'], options: ['5kg'], stock: 60, weight: 7 },
  {
    name: '당일 수확 딸기 1kg',
    price: 18_000,
    tags: ['SAME_DAY', 'NEW'],
    options: ['1kg'],
    stock: 15,
    weight: 5,
  },
  { name: '한정판 텀블러', price: 32_000, tags: ['NEW'], options: ['민트', '핑크'], stock: 4, weight: 3 },
  { name: '프리미엄 선물세트', price: 99_000, tags: ['BEST'], options: ['기본'], stock: 30, weight: 3 },
  { name: '홈카페 드립백 세트', price: 50_000, tags: [], options: ['30입'], stock: null, weight: 4 },
  { name: '에코백', price: 12_000, tags: [], options: ['아이보리'], stock: null, weight: 6 },
  { name: '가죽 카드지갑', price: 45_000, tags: ['BEST'], options: ['블랙', '브라운'], stock: 12, weight: 3 },
  { name: '무선 이어폰 케이스', price: 9_900, tags: ['NEW'], options: ['투명'], stock: 3, weight: 3 },
];

export const SHIPPING_MESSAGES = [
  '',
  '',
  '부재 시 문 앞에 놓아주세요.',
  '배송 전 연락 바랍니다.',
  '경비실에 맡겨주세요.',
];

/** Free shipping from this product amount; below it a flat fee applies. */
export const FREE_SHIPPING_FROM = 50_000;
export const SHIPPING_FEE = 3_000;
export const REGIONAL_SURCHARGE: Record<AddressZone, number> = { MAINLAND: 0, JEJU: 3_000, REMOTE: 5_000 };
