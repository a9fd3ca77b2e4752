import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/http';
import { SelectField, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { useCategories } from './forum-api';
import type { Thread } from './forum-types';

type Action = 'pin' | 'unpin' | 'lock' | 'unlock' | 'hide' | 'restore';

/** Pin, lock, hide and move a thread; every action goes to the audit log with the reason given. */
export function ModeratorTools({ thread, threadKey }: { thread: Thread; threadKey: readonly unknown[] }) {
  const { t } = useTranslation('forum');
  const client = useQueryClient();
  const categories = useCategories();
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState('');
  const [done, setDone] = useState('');
  const act = useMutation({
    mutationFn: (change: { action: Action } | { action: 'move'; categoryId: string }) =>
      api<Thread>(`/threads/${thread.id}/${change.action}`, {
        method: 'POST',
        body: {
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...('categoryId' in change ? { categoryId: change.categoryId } : {}),
        },
      }),
    onSuccess: (updated, change) => {
      client.setQueryData<Thread>(threadKey, (known) => ({ ...updated, unreadCount: known?.unreadCount ?? 0 }));
      void client.invalidateQueries({ queryKey: ['forum', 'threads'] });
      void client.invalidateQueries({ queryKey: ['forum', 'categories'] });
      setReason('');
      setTarget('');
      setDone(t(`moderation.done.${change.action}`));
    },
    onMutate: () => setDone(''),
  });
  const error = act.error instanceof ApiError ? act.error : null;
  const others = (categories.data ?? []).filter((category) => category.id !== thread.categoryId);
  const button = (action: Action, label: string, danger = false) => (
    <button
      type="button"
      className={danger ? 'button--danger' : 'button--quiet'}
      disabled={act.isPending}
      onClick={() => act.mutate({ action })}
    >
      {label}
    </button>
  );

  return (
    <section className="card forum-modtools" aria-labelledby="modtools-title">
      <h2 id="modtools-title" className="forum-modtools__title">
        {t('moderation.tools')}
      </h2>
      <TextField
        label={t('moderation.reason')}
        hint={t('moderation.reasonHint')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        maxLength={500}
        error={error?.problemWith('reason')}
      />
      <div className="toolbar">
        {thread.pinned ? button('unpin', t('moderation.unpin')) : button('pin', t('moderation.pin'))}
        {thread.locked ? button('unlock', t('moderation.unlock')) : button('lock', t('moderation.lock'))}
        {thread.status === 'hidden'
          ? button('restore', t('moderation.restore'))
          : button('hide', t('moderation.hide'), true)}
      </div>
      {others.length > 0 && (
        <form
          className="forum-modtools__move"
          onSubmit={(event) => {
            event.preventDefault();
            if (target) act.mutate({ action: 'move', categoryId: target });
          }}
        >
          <SelectField
            label={t('moderation.moveTo')}
            value={target}
            onChange={(event) => setTarget(event.target.value)}
            error={error?.problemWith('categoryId')}
          >
            <option value="">{t('moderation.chooseCategory')}</option>
            {others.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button--quiet" disabled={!target || act.isPending}>
            {t('moderation.move')}
          </button>
        </form>
      )}
      <p role="status" aria-live="polite" className="forum-modtools__done">
        {done}
      </p>
      {error && !error.problemWith('reason') && !error.problemWith('categoryId') && <ErrorNotice error={error} />}
    </section>
  );
}
