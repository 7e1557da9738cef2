package dev.policysearch.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The one shape of every error the API returns: {@code {"error":{"status","code","param","message"}}}.
 * When several parameters are wrong, {@code errors} lists each of them; {@code error} is the first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiError(Detail error, List<Detail> errors) {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Detail(int status, String code, String param, String message) {}

  static ApiError of(int status, String code, String param, String message) {
    return new ApiError(new Detail(status, code, param, message), null);
  }

  static ApiError of(List<Detail> details) {
    return new ApiError(details.get(0), details.size() > 1 ? List.copyOf(details) : null);
  }
}
