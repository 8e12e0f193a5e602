// The person's choice of how much of other people's activity is read out, kept on this device.
import type { ActivityLevel } from './activity-announcer';

const KEY = 'slc.activityLevel';
const levels: readonly ActivityLevel[] = ['all', 'summary', 'off'];

export function readActivityLevel(): ActivityLevel {
  try {
    const v = localStorage.getItem(KEY);
    return levels.includes(v as ActivityLevel) ? (v as ActivityLevel) : 'all';
  } catch {
    return 'all';
  }
}

export function saveActivityLevel(level: ActivityLevel): void {
  try {
    localStorage.setItem(KEY, level);
  } catch {
    // storage may be full or disabled; the choice then lasts for this visit only
  }
  window.dispatchEvent(new CustomEvent('slc-activity-level', { detail: level }));
}

export const activityLevelLabels: Record<ActivityLevel, string> = {
  all: 'Every change, grouped',
  summary: 'A short summary every 20 seconds',
  off: 'Nothing (facilitation alerts only)',
};
