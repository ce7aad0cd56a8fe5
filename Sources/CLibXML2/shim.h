// libxml2 for the extract stage's streaming XML reader.
//
// Debian's libxml2 is built with ICU, so <libxml/encoding.h> would include the system ICU
// headers (<unicode/ucnv.h>) into this module. Foundation on Linux ships its own ICU
// (_FoundationICU) with the same type names, and clang then refuses the two definitions of
// UErrorCode — depending on build order, so builds failed at random. The project never
// touches libxml2's ICU converter fields (it reads UTF-8 documents through xmlTextReader),
// so the ICU part of libxml2's headers is left out here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
