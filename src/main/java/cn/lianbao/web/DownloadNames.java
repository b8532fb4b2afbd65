package cn.lianbao.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Documents keep their Chinese names when downloaded. Camunda's REST API (and the webapps' copy of
 * it) answers a file variable with {@code attachment; filename="太浦河….pdf"; filename*=UTF-8''…}:
 * Tomcat drops a header that is not ISO-8859-1, and browsers then save the file as {@code data}.
 * This filter rewrites the header on its way out: an ASCII stand-in in {@code filename} for old
 * clients, the real name in {@code filename*} (RFC 6266 / RFC 5987), always as an attachment, so a
 * download never replaces Tasklist in its tab.
 */
public class DownloadNames extends OncePerRequestFilter {

  static final String HEADER = "Content-Disposition";
  private static final Pattern QUOTED_NAME = Pattern.compile("filename=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern ENCODED_NAME = Pattern.compile("filename\\*=UTF-8''([^;\\s]+)", Pattern.CASE_INSENSITIVE);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, new HttpServletResponseWrapper(response) {
      @Override
      public void setHeader(String name, String value) {
        super.setHeader(name, HEADER.equalsIgnoreCase(name) ? attachment(value) : value);
      }

      @Override
      public void addHeader(String name, String value) {
        super.addHeader(name, HEADER.equalsIgnoreCase(name) ? attachment(value) : value);
      }
    });
  }

  /** The header for the file name the value holds; the value unchanged when it holds none. */
  static String attachment(String value) {
    if (value == null) {
      return null;
    }
    String name = fileName(value);
    if (name == null) {
      return value;
    }
    return attachmentNamed(name, asciiStandIn(name));
  }

  /**
   * The Content-Disposition of a download named {@code name}: that name in {@code filename*} (RFC 6266;
   * Tomcat drops a header that is not ISO-8859-1), {@code asciiName} in {@code filename} for clients that
   * read only that.
   */
  public static String attachmentNamed(String name, String asciiName) {
    return "attachment; filename=\"" + asciiStandIn(asciiName) + "\"; filename*=UTF-8''" + encode(name);
  }

  static String fileName(String value) {
    Matcher encoded = ENCODED_NAME.matcher(value);
    if (encoded.find()) {
      return java.net.URLDecoder.decode(encoded.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
    }
    Matcher quoted = QUOTED_NAME.matcher(value);
    return quoted.find() ? quoted.group(1).replaceAll("\\\\(.)", "$1") : null;
  }

  /** The name with everything outside printable ASCII (and quotes, backslashes) as '_'. */
  static String asciiStandIn(String name) {
    StringBuilder ascii = new StringBuilder(name.length());
    name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    return ascii.toString();
  }

  /** RFC 5987 percent-encoding (URLEncoder's form encoding, but spaces as %20). */
  static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
