import type { ThemeConfig } from 'antd';

/**
 * Ant Design's defaults, darkened where they fall below WCAG AA contrast
 * (4.5:1): the primary blue behind white text, and the grey of secondary and
 * placeholder text. Public servants read this all day; so do people with low vision.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorLink: '#1d4ed8',
    // Derived hover blues are lighter (#4373e6 on white is 4.34:1): a pointer left on a button failed AA. Darker instead.
    colorPrimaryHover: '#1e40af',
    colorLinkHover: '#1e40af',
    colorError: '#b91c1c',
    colorWarning: '#854d0e',
    colorSuccess: '#166534',
    colorInfo: '#1d4ed8',
    // Light backgrounds chosen here: derived from the dark colours above they turn grey.
    colorErrorBg: '#fef2f2',
    colorErrorBorder: '#fca5a5',
    colorWarningBg: '#fefce8',
    colorWarningBorder: '#fcd34d',
    colorSuccessBg: '#f0fdf4',
    colorSuccessBorder: '#86efac',
    colorInfoBg: '#eff6ff',
    colorInfoBorder: '#93c5fd',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    linkDecoration: 'underline',
    fontFamily: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif",
  },
};
