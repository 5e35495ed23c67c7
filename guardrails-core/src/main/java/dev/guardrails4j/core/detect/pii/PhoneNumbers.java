package dev.guardrails4j.core.detect.pii;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validates the digits of a phone number candidate with libphonenumber: a number written with a
 * country code ({@code +CC} or {@code 00CC}) is checked against that country whatever the default
 * regions; a national number (trunk prefix such as {@code 0} or {@code 1} allowed) against each
 * default region in turn.
 *
 * <p>The candidate scan of {@link PiiDetector} has already split the text into digit groups, so the
 * library is never asked to parse or search text: the national significant number is checked
 * against the library's numbering-plan metadata for its calling code (possible lengths, and the
 * patterns of the region and of its number types: the data and the rule of
 * {@code isValidNumber}), compiled once per calling code, so a candidate costs a few short
 * matches, not a parse.
 * Immutable and thread-safe.
 */
final class PhoneNumbers {

  /** The default regions when a policy names none: where most of the world's text comes from. */
  static final List<String> DEFAULT_REGIONS = List.of("US", "GB", "DE", "FR", "IN", "AU", "ES", "IT");

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final MetadataSource METADATA =
      DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
  /** What the library answers for a calling code that no country or global service has. */
  private static final String UNKNOWN_REGION = "ZZ";
  /**
   * The numbering plans of every calling code seen so far, built on first use. Building one twice
   * in a race gives equal plans, so no lock is needed.
   */
  private static final AtomicReferenceArray<@Nullable Plan> PLANS = new AtomicReferenceArray<>(1000);

  /**
   * The numbers a calling code (or one region of it) gives out, from the library's metadata: per
   * region the pattern over all its numbers (the "general description") and one pattern per number
   * type (fixed line, mobile, toll free, ...), each with its possible lengths. A number is valid
   * when it fits the general description and one type of the same region, as
   * {@code PhoneNumberUtil.isValidNumber} decides it.
   */
  private static final class Plan {
    /** Per region: the general description first, then each type the region has. */
    final Pattern[][] patterns;
    final int[][] lengths;

    Plan(List<PhoneMetadata> regions) {
      patterns = new Pattern[regions.size()][];
      lengths = new int[regions.size()][];
      for (int i = 0; i < patterns.length; i++) {
        PhoneMetadata m = regions.get(i);
        List<PhoneNumberDesc> descs = new ArrayList<>();
        descs.add(m.getGeneralDesc());
        for (PhoneNumberDesc type : List.of(m.getPremiumRate(), m.getTollFree(), m.getSharedCost(),
            m.getVoip(), m.getPersonalNumber(), m.getPager(), m.getUan(), m.getVoicemail(),
            m.getFixedLine(), m.getMobile())) {
          if (!type.getNationalNumberPattern().isEmpty()) {
            descs.add(type);
          }
        }
        patterns[i] = new Pattern[descs.size()];
        lengths[i] = new int[descs.size()];
        for (int d = 0; d < descs.size(); d++) {
          patterns[i][d] = Pattern.compile(descs.get(d).getNationalNumberPattern());
          int mask = 0;
          for (int length : descs.get(d).getPossibleLengthList()) {
            mask |= 1 << Math.min(length, 30);
          }
          lengths[i][d] = mask == 0 ? -1 : mask;
        }
      }
    }

    boolean matches(CharSequence nationalNumber) {
      int bit = 1 << Math.min(nationalNumber.length(), 30);
      for (int i = 0; i < patterns.length; i++) {
        Pattern[] p = patterns[i];
        int[] l = lengths[i];
        if ((l[0] & bit) == 0 || !p[0].matcher(nationalNumber).matches()) {
          continue;
        }
        for (int d = 1; d < p.length; d++) {
          if ((l[d] & bit) != 0 && p[d].matcher(nationalNumber).matches()) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private final Plan[] regionPlans;
  /** Each default region's national (trunk) prefix, such as "0" or "1", or "" when it has none. */
  private final String[] trunks;
  private final List<String> regions;

  private PhoneNumbers(List<String> regions) {
    this.regions = List.copyOf(regions);
    this.regionPlans = new Plan[regions.size()];
    this.trunks = new String[regions.size()];
    for (int i = 0; i < regionPlans.length; i++) {
      regionPlans[i] = new Plan(List.of(METADATA.getMetadataForRegion(regions.get(i))));
      String trunk = UTIL.getNddPrefixForRegion(regions.get(i), true);
      trunks[i] = trunk == null ? "" : trunk;
    }
  }

  /**
   * Creates a validator for national numbers of the given regions.
   *
   * @param regions ISO 3166 region codes, such as {@code US}; case does not matter
   * @return the validator
   * @throws IllegalArgumentException naming a code libphonenumber does not know
   */
  static PhoneNumbers of(List<String> regions) {
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("phone-region: expected at least one region code such as US");
    }
    Set<String> known = UTIL.getSupportedRegions();
    List<String> codes = new ArrayList<>();
    for (String region : regions) {
      String code = region.toUpperCase(Locale.ROOT);
      if (!known.contains(code)) {
        throw new IllegalArgumentException("phone-region: unknown region code '"
            + (region.length() > 8 ? region.substring(0, 8) + "..." : region)
            + "'; expected a two-letter ISO 3166 code that libphonenumber supports, such as US, GB,"
            + " DE or IN");
      }
      if (!codes.contains(code)) {
        codes.add(code);
      }
    }
    return new PhoneNumbers(codes);
  }

  /** The regions national numbers are checked against, in order. */
  List<String> regions() {
    return regions;
  }

  /**
   * Whether digits (country code first) form a valid number of the country they name.
   *
   * @param digits the digits after {@code +} or {@code 00}
   * @return whether the number fits the numbering plan of its calling code
   */
  static boolean validInternational(CharSequence digits) {
    int n = digits.length();
    for (int ccLength = 1; ccLength <= 3 && ccLength < n; ccLength++) {
      int cc = Integer.parseInt(digits, 0, ccLength, 10);
      Plan plan = plan(cc);
      if (plan == null) {
        continue; // not a calling code: calling codes are prefix-free, so try a longer one
      }
      if (plan.matches(digits.subSequence(ccLength, n))) {
        return true;
      }
      // "+44 (0)20 ...": a trunk zero written after the calling code, which is not dialled.
      return ccLength + 1 < n && digits.charAt(ccLength) == '0'
          && plan.matches(digits.subSequence(ccLength + 1, n));
    }
    return false;
  }

  /**
   * Whether digits form a valid national number of one of the default regions.
   *
   * @param digits the digits as written, trunk prefix included
   * @return whether the number fits the numbering plan of a default region
   */
  boolean validNational(CharSequence digits) {
    int n = digits.length();
    for (int i = 0; i < regionPlans.length; i++) {
      String trunk = trunks[i];
      if (!trunk.isEmpty() && startsWith(digits, trunk) && n > trunk.length() + 4
          && regionPlans[i].matches(digits.subSequence(trunk.length(), n))) {
        return true;
      }
      if (regionPlans[i].matches(digits)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Plan plan(int cc) {
    Plan plan = PLANS.get(cc);
    if (plan == null) {
      if (UTIL.getRegionCodeForCountryCode(cc).equals(UNKNOWN_REGION)) {
        return null;
      }
      List<PhoneMetadata> regions = new ArrayList<>();
      for (String region : UTIL.getRegionCodesForCountryCode(cc)) {
        PhoneMetadata metadata = region.equals(PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY)
            ? METADATA.getMetadataForNonGeographicalRegion(cc)
            : METADATA.getMetadataForRegion(region);
        if (metadata != null) {
          regions.add(metadata);
        }
      }
      plan = new Plan(regions);
      PLANS.set(cc, plan);
    }
    return plan;
  }

  private static boolean startsWith(CharSequence s, String prefix) {
    if (s.length() < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (s.charAt(i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
