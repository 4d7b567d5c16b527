/** A member's face: her photo, or her colour with her initial (styles in ui/styles.css). */

function initial(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toLocaleUpperCase() : '';
}

/** A member's photo, or her colour with her initial. */
export function MemberAvatar({ name, color, photo, size = 'medium' }: { name: string; color: string; photo?: string | undefined; size?: 'small' | 'medium' | 'large' }) {
  if (photo) {
    return <img className={`avatar avatar-${size}`} src={photo} alt="" style={{ borderColor: color }} />;
  }
  return (
    <span className={`avatar avatar-${size}`} style={{ backgroundColor: color, borderColor: color }} aria-hidden="true">
      {initial(name)}
    </span>
  );
}
