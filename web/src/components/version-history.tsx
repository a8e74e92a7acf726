import { useEffect, useState } from 'react';
import type { FlowDetail, FlowDiffResponse, FlowVersionsResponse } from '../../../src/server/api-contract.js';
import { api } from '../lib/api.js';
import { diffLines, flowContentJson, foldUnchanged } from '../lib/flow-edit.js';
import { formatDateTime } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { useApi } from '../lib/use-api.js';
import { Badge, ErrorBox, Loading, Notice } from './ui.js';

/** Versions of a saved flow: compare any two, roll back to an older one (saved as a new version). */
export function VersionHistory({
  flowId,
  currentVersion,
  onRolledBack,
}: {
  flowId: string;
  currentVersion: number;
  onRolledBack: (detail: FlowDetail) => void;
}) {
  const { t, lang } = useI18n();
  const versions = useApi<FlowVersionsResponse>(
    `/api/flows/${encodeURIComponent(flowId)}/versions?v=${currentVersion}`,
  );
  const [from, setFrom] = useState<number>(Math.max(1, currentVersion - 1));
  const [to, setTo] = useState<number>(currentVersion);
  const [diff, setDiff] = useState<FlowDiffResponse>();
  const [error, setError] = useState<Error>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    setTo(currentVersion);
    setFrom(Math.max(1, currentVersion - 1));
  }, [currentVersion]);

  useEffect(() => {
    if (from === to) {
      setDiff(undefined);
      return;
    }
    api<FlowDiffResponse>('GET', `/api/flows/${encodeURIComponent(flowId)}/diff?from=${from}&to=${to}`)
      .then(setDiff)
      .catch((failure: unknown) => setError(failure instanceof Error ? failure : new Error(String(failure))));
  }, [flowId, from, to]);

  const rollback = async (version: number): Promise<void> => {
    if (!window.confirm(t('history.confirmRollback', { version }))) return;
    try {
      const detail = await api<FlowDetail>('POST', `/api/flows/${encodeURIComponent(flowId)}/rollback`, {
        version,
        changeNote: t('history.rollbackNote', { version }),
      });
      setNotice(t('history.rolledBack', { version, newVersion: detail.flow.version }));
      onRolledBack(detail);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    }
  };

  if (versions.error) return <ErrorBox error={versions.error} onRetry={versions.reload} />;
  if (!versions.data) return <Loading />;
  const lines = diff ? diffLines(flowContentJson(diff.from.flow), flowContentJson(diff.to.flow)) : [];
  return (
    <div className="history">
      {notice && <Notice tone="success">{notice}</Notice>}
      {error && <ErrorBox error={error} />}
      <table className="table">
        <caption className="sr-only">{t('history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.version')}</th>
            <th scope="col">{t('history.note')}</th>
            <th scope="col">{t('history.by')}</th>
            <th scope="col">{t('history.at')}</th>
            <th scope="col">{t('history.compareFrom')}</th>
            <th scope="col">{t('history.compareTo')}</th>
            <th scope="col">
              <span className="sr-only">{t('history.rollback')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.data.versions.map((version) => (
            <tr key={version.version}>
              <td>
                v{version.version}{' '}
                {version.version === currentVersion && <Badge tone="green">{t('history.current')}</Badge>}
              </td>
              <td>{version.changeNote || <span className="muted">—</span>}</td>
              <td>{version.createdBy}</td>
              <td className="nowrap">{formatDateTime(version.createdAt, lang)}</td>
              <td>
                <input
                  type="radio"
                  name="diff-from"
                  aria-label={t('history.compareFromVersion', { version: version.version })}
                  checked={from === version.version}
                  onChange={() => setFrom(version.version)}
                />
              </td>
              <td>
                <input
                  type="radio"
                  name="diff-to"
                  aria-label={t('history.compareToVersion', { version: version.version })}
                  checked={to === version.version}
                  onChange={() => setTo(version.version)}
                />
              </td>
              <td>
                {version.version !== currentVersion && (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void rollback(version.version)}
                  >
                    {t('history.rollbackTo', { version: version.version })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff && (
        <div className="diff" aria-label={t('history.diffLabel', { from, to })}>
          <div className="diff-head">
            v{diff.from.info.version} → v{diff.to.info.version}
            <span className="muted small">
              {' '}
              +{lines.filter((line) => line.kind === 'added').length} −
              {lines.filter((line) => line.kind === 'removed').length}
            </span>
          </div>
          <pre>
            {foldUnchanged(lines).map((line, index) =>
              line.kind === 'gap' ? (
                <div key={index} className="diff-gap">
                  {t('history.unchanged', { count: line.count })}
                </div>
              ) : (
                <div key={index} className={`diff-line diff-${line.kind}`}>
                  <span aria-hidden="true">
                    {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
                  </span>
                  {line.kind !== 'same' && (
                    <span className="sr-only">
                      {t(line.kind === 'added' ? 'history.added' : 'history.removed')}
                    </span>
                  )}
                  {line.text}
                </div>
              ),
            )}
          </pre>
        </div>
      )}
      {from === to && <p className="muted">{t('history.pickTwo')}</p>}
    </div>
  );
}
