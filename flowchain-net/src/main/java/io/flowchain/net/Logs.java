package io.flowchain.net;

/** Text that came from a peer, made safe for one log line. */
final class Logs {
  private static final int MAX = 200;

  private Logs() {}

  /** At most 200 characters, control characters replaced. */
  static String clip(String s) {
    if (s == null) {
      return "";
    }
    String t = s.length() > MAX ? s.substring(0, MAX) + "… (" + s.length() + " chars)" : s;
    StringBuilder b = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
