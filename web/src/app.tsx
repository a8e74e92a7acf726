import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Lang, SessionResponse } from '../../src/server/api-contract.js';
import { ErrorBox, Loading } from './components/ui.js';
import { api, setCsrfToken } from './lib/api.js';
import { I18nContext, storeLang, storedLang, translate } from './lib/i18n.js';
import type { I18n, MessageKey } from './lib/i18n.js';
import { href, useRoute } from './lib/router.js';
import { SessionContext } from './lib/session.js';
import { formatDate } from './lib/format.js';

const DashboardPage = lazy(() => import('./pages/dashboard-page.js'));
const FlowsPage = lazy(() => import('./pages/flows-page.js'));
const FlowEditorPage = lazy(() => import('./pages/flow-editor-page.js'));
const TemplatesPage = lazy(() => import('./pages/templates-page.js'));
const SimulationPage = lazy(() => import('./pages/simulation-page.js'));
const RunsPage = lazy(() => import('./pages/runs-page.js'));
const RunDetailPage = lazy(() => import('./pages/run-detail-page.js'));
const SettingsPage = lazy(() => import('./pages/settings-page.js'));
const RequestsPage = lazy(() => import('./pages/requests-page.js'));

interface NavItem {
  path: string;
  label: MessageKey;
  icon: string;
}

/** Icon paths (24×24 strokes) drawn inline to avoid an icon font. */
const NAV: NavItem[] = [
  { path: 'dashboard', label: 'nav.dashboard', icon: 'M4 13h6V4H4zM14 20h6v-9h-6zM4 20h6v-4H4zM14 4v4h6V4z' },
  { path: 'flows', label: 'nav.flows', icon: 'M5 6h8M5 12h14M5 18h10M17 4l2 2-2 2' },
  { path: 'templates', label: 'nav.templates', icon: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z' },
  { path: 'simulation', label: 'nav.simulation', icon: 'M6 4l12 8-12 8z' },
  { path: 'runs', label: 'nav.runs', icon: 'M12 7v5l3 2M21 12a9 9 0 1 1-9-9 9 9 0 0 1 9 9z' },
  {
    path: 'settings',
    label: 'nav.settings',
    icon: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4',
  },
  { path: 'requests', label: 'nav.requests', icon: 'M4 5h16v11H8l-4 4z' },
];

function Icon({ d }: { d: string }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.7"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function page(route: string[]): ReactNode {
  const [first = 'dashboard', second] = route;
  switch (first) {
    case 'flows':
      return second ? (
        <FlowEditorPage key={second} flowId={second === 'new' ? null : second} />
      ) : (
        <FlowsPage />
      );
    case 'templates':
      return <TemplatesPage />;
    case 'simulation':
      return <SimulationPage />;
    case 'runs':
      return second ? <RunDetailPage key={second} runId={second} /> : <RunsPage />;
    case 'settings':
      return <SettingsPage tab={second} />;
    case 'requests':
      return <RequestsPage />;
    default:
      return <DashboardPage />;
  }
}

function PlanBadge({ session, i18n }: { session: SessionResponse; i18n: I18n }) {
  const { plan } = session;
  const text =
    plan.state === 'freeUntil' && plan.until
      ? i18n.t('plan.freeUntil', { date: formatDate(plan.until, i18n.lang) })
      : i18n.t(`plan.${plan.state}`);
  return <span className={`plan plan-${plan.state}`}>{text}</span>;
}

/** The signed-in shell: session (CSRF token, mall, plan), language, navigation and the lazy pages. */
export function App() {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const [session, setSession] = useState<SessionResponse>();
  const [error, setError] = useState<Error>();
  const route = useRoute();

  const load = useCallback(() => {
    setError(undefined);
    api<SessionResponse>('GET', '/api/session')
      .then((result) => {
        setCsrfToken(result.csrfToken);
        setSession(result);
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure : new Error(String(failure))));
  }, []);
  useEffect(load, [load]);

  const setLang = useCallback(
    (next: Lang) => {
      setLangState(next);
      storeLang(next);
      if (session) void api('PUT', '/api/session/lang', { lang: next }).catch(() => undefined);
    },
    [session],
  );
  useEffect(() => storeLang(lang), [lang]);

  const i18n = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (text) => text[lang],
    }),
    [lang, setLang],
  );
  const active = route[0] ?? 'dashboard';

  return (
    <I18nContext.Provider value={i18n}>
      <a className="skip-link" href="#main">
        {i18n.t('nav.skip')}
      </a>
      <div className="shell">
        <nav className="sidebar" aria-label={i18n.t('nav.label')}>
          <a className="brand" href={href('dashboard')}>
            <span className="brand-mark" aria-hidden="true">
              <svg viewBox="0 0 32 32" width="28" height="28">
                <rect width="32" height="32" rx="8" fill="currentColor" />
                <path d="M8 21l8-11 8 11h-5l-3-4-3 4z" fill="#fff" />
              </svg>
            </span>
            <span>
              <strong>PassWing</strong>
              <small>패스윙</small>
            </span>
          </a>
          <ul>
            {NAV.map((item) => (
              <li key={item.path}>
                <a
                  href={href(item.path)}
                  className={active === item.path ? 'nav-active' : ''}
                  aria-current={active === item.path ? 'page' : undefined}
                >
                  <Icon d={item.icon} />
                  {i18n.t(item.label)}
                </a>
              </li>
            ))}
          </ul>
          <div className="sidebar-foot">
            <div className="lang-switch" role="group" aria-label={i18n.t('nav.language')}>
              {(['ko', 'en'] as const).map((option) => (
                <button
                  key={option}
                  type="button"
                  aria-pressed={lang === option}
                  onClick={() => setLang(option)}
                >
                  {option === 'ko' ? '한국어' : 'English'}
                </button>
              ))}
            </div>
          </div>
        </nav>
        <div className="main-column">
          <header className="topbar">
            {session ? (
              <>
                <div className="topbar-mall">
                  <span className="mall-dot" aria-hidden="true" />
                  <strong>{session.mall.name}</strong>
                  {session.mall.name !== session.mall.id && <span className="muted">{session.mall.id}</span>}
                  <PlanBadge session={session} i18n={i18n} />
                </div>
                <div className="topbar-user">
                  <span>{session.user.name}</span>
                  <span className="muted"> · {i18n.t(`role.${session.user.role}`)}</span>
                </div>
              </>
            ) : (
              <span />
            )}
          </header>
          <main id="main" tabIndex={-1}>
            {error ? (
              <ErrorBox error={error} onRetry={load} />
            ) : !session ? (
              <Loading />
            ) : (
              <SessionContext.Provider value={session}>
                <Suspense fallback={<Loading />}>{page(route)}</Suspense>
              </SessionContext.Provider>
            )}
          </main>
        </div>
      </div>
    </I18nContext.Provider>
  );
}
