import type { ReactNode } from 'react';
import type { Member } from '../../shared/schemas/member';
import { MemberAvatar } from './MemberAvatar';

type Face = Pick<Member, 'id' | 'firstName' | 'color' | 'photo'>;

/** One member's face and first name as a toggle chip, filled with her colour when chosen. */
export function MemberChip({ member, on, onClick, testId, tick }: { member: Face; on: boolean; onClick: () => void; testId: string; tick?: boolean }) {
  return (
    <button
      type="button"
      className={on ? 'chip maker-chip chip-active' : 'chip maker-chip'}
      style={on ? { backgroundColor: member.color, borderColor: member.color } : { borderColor: member.color }}
      aria-pressed={on}
      onClick={onClick}
      data-testid={testId}
    >
      <MemberAvatar name={member.firstName} color={member.color} photo={member.photo} size="small" />
      {member.firstName}
      {tick && on ? <span aria-hidden="true">✓</span> : null}
    </button>
  );
}

/**
 * The faces of the group to pick from: one member (`value` an id, '' for none)
 * or several (`value` a list of ids; a chosen face shows a tick).
 * Each chip's test id is `${testIdPrefix}-${firstName}`; `before` goes first in the row.
 */
export function MemberPicker({
  members,
  value,
  onPick,
  testIdPrefix,
  before,
}: {
  members: readonly Face[];
  value: string | readonly string[];
  onPick: (id: string) => void;
  testIdPrefix: string;
  before?: ReactNode;
}) {
  const many = typeof value !== 'string';
  return (
    <div className="chips">
      {before}
      {members.map((m) => (
        <MemberChip
          key={m.id}
          member={m}
          on={many ? value.includes(m.id) : value === m.id}
          onClick={() => onPick(m.id)}
          testId={`${testIdPrefix}-${m.firstName}`}
          tick={many}
        />
      ))}
    </div>
  );
}
