/** The cooperative's logo, or its initials on a colour derived from the name when it has none. */
export function CooperativeLogo({
  name,
  logoUrl,
  size = 56,
}: {
  name: string;
  logoUrl: string | null;
  size?: number;
}) {
  if (logoUrl)
    return (
      <img
        className="coop-logo"
        src={logoUrl}
        alt=""
        width={size}
        height={size}
        loading="lazy"
        decoding="async"
      />
    );
  const words = name.replace(/^(HTX|Hợp tác xã|Tổ hợp tác|Liên hiệp HTX)\s+/i, "").split(/\s+/);
  const initials = words
    .slice(0, 2)
    .map((w) => w.charAt(0))
    .join("")
    .toLocaleUpperCase("vi");
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = [142, 100, 32, 18, 190, 160][hash % 6];
  return (
    <svg className="coop-logo" width={size} height={size} viewBox="0 0 56 56" aria-hidden="true">
      <rect width="56" height="56" rx="12" fill={`hsl(${hue} 45% 32%)`} />
      <text x="28" y="35" textAnchor="middle" fontSize="20" fontWeight="700" fill="#fff">
        {initials}
      </text>
    </svg>
  );
}
