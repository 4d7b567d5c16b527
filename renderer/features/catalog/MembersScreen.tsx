/**
 * The members: who sells and makes. A member who leaves is archived, never
 * deleted: past sales, makers' shares and payouts still name her.
 */
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { saveMember, setMemberArchived } from '../../db/catalog';
import { messages } from '../../ui/checked';
import { Banner, Dialog } from '../../ui/components';
import { DialogActions } from '../../ui/DialogActions';
import { ArchiveButton, ArchivedBanner, ListToolbar } from '../../ui/ListToolbar';
import { MemberAvatar } from '../../ui/MemberAvatar';
import { checkMember, emptyMemberDraft, memberDraftFrom, type MemberDraft } from './drafts';
import { MemberForm } from './MemberForm';
import { nextColor } from './palette';
import { useRevealFirstError } from './pickers';
import './catalog.css';

export function MembersScreen() {
  const { t } = useTranslation();
  const { db, members } = useApp();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<{ member: Member | null } | null>(null);
  const [archived, setArchived] = useState<Member | null>(null);
  const close = useCallback(() => setEditing(null), []);

  const archivedCount = members.filter((m) => m.archived).length;
  const shown = members.filter((m) => showArchived || !m.archived).sort((a, b) => Number(a.archived) - Number(b.archived) || a.order - b.order);

  const toggleArchived = async (m: Member) => {
    await setMemberArchived(db, m.id, !m.archived);
    setArchived(m.archived ? null : m);
  };

  return (
    <div className="cat-screen">
      <ListToolbar
        title={t('nav.members')}
        archivedCount={archivedCount}
        showArchived={showArchived}
        onToggleArchived={() => setShowArchived((v) => !v)}
        newLabel={t('catalog.newMember')}
        onNew={() => setEditing({ member: null })}
        testIdPrefix="members"
        newTestId="member-new"
      />

      {archived ? (
        <ArchivedBanner
          text={t('catalog.memberArchivedDone', { name: archived.firstName })}
          onUndo={() => {
            void setMemberArchived(db, archived.id, false);
            setArchived(null);
          }}
          testIdPrefix="member"
        />
      ) : null}

      {shown.length === 0 ? (
        <p className="empty">{t('catalog.noMembersYet')}</p>
      ) : (
        <ul className="cat-list cat-list-members" data-testid="members-list">
          {shown.map((m) => (
            <li key={m.id} className={m.archived ? 'cat-row cat-row-archived' : 'cat-row'}>
              <button type="button" className="cat-row-main member-row" onClick={() => setEditing({ member: m })} data-testid={`member-row-${m.firstName}`}>
                <MemberAvatar name={m.firstName} color={m.color} photo={m.photo} size="large" />
                <span className="cat-row-text">
                  <span className="cat-row-title">
                    {m.firstName}
                    {m.archived ? <span className="cat-tag">{t('catalog.memberArchivedTag')}</span> : null}
                  </span>
                  {m.analyticCode ? <span className="cat-row-sub">{t('catalog.codeShown', { code: m.analyticCode })}</span> : null}
                  {/* An initial in a circle does not say it can be tapped: the words do. */}
                  {m.photo ? null : (
                    <span className="cat-row-sub member-tap-hint" data-testid={`member-tap-hint-${m.firstName}`}>
                      👆 {t('catalog.tapYourName')}
                    </span>
                  )}
                </span>
              </button>
              <ArchiveButton archived={m.archived} onClick={() => void toggleArchived(m)} testIdPrefix="member" name={m.firstName} />
            </li>
          ))}
        </ul>
      )}

      {editing ? <MemberDialog member={editing.member} newColor={nextColor(members.filter((m) => !m.archived).map((m) => m.color))} onClose={close} /> : null}
    </div>
  );
}

function MemberDialog({ member, newColor, onClose }: { member: Member | null; newColor: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const [draft, setDraft] = useState<MemberDraft>(() => (member ? memberDraftFrom(member) : emptyMemberDraft(newColor)));
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useRevealFirstError(formRef, attempt);
  const errors = messages(attempt > 0 ? checkMember(draft) : null, t);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const result = checkMember(draft);
    setAttempt((n) => n + 1);
    if (!result.ok) return;
    setBusy(true);
    setFailed(false);
    try {
      await saveMember(db, result.value, member?.id);
      onClose();
    } catch (error) {
      console.error(error);
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <Dialog title={member ? t('catalog.editMember', { name: member.firstName }) : t('catalog.newMember')} onClose={onClose} testId="member-dialog" wide>
      <form ref={formRef} className="cat-form" onSubmit={(e) => void submit(e)} noValidate>
        <MemberForm value={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} errors={errors} testIdPrefix="member" />
        {failed ? (
          <Banner kind="error" testId="member-save-error">
            {t('catalog.saveError')}
          </Banner>
        ) : null}
        <DialogActions onCancel={onClose} busy={busy} testIdPrefix="member" />
      </form>
    </Dialog>
  );
}
