/* impact_cli._yamlread: libyaml's events straight into plain data and shadows.
 *
 * The same reader as impact_cli.yaml_fast.read_events, in C. That one asks
 * PyYAML for each parser event, and PyYAML builds a Python event object (its
 * __init__ runs in Python) and two Mark objects per event: for a valid diagram
 * four fifths of the time of reading went there, not to libyaml. Here libyaml's
 * events are read directly and only the data and the shadows are built, the
 * same objects the Python reader builds (the tests compare the two on every
 * file in the repository and on generated and hypothesis-made documents).
 *
 * Like the Python reader it only ever detects trouble: anything the strict
 * reader must word (a syntax error, anchors, aliases, explicit tags, keys that
 * are not text, duplicate keys, too deep, too many values, several documents, a
 * top level that is not a mapping) returns None, and the caller reads the file
 * again with impact_cli.yaml_source.read_yaml.
 *
 * Shadows, as in yaml_fast: a scalar's is one int packing start line, start
 * column, end line and end column (0-based, 24 bits each); a collection's is
 * (packed, is_block, children), children being a dict of key ->
 * (key_shadow, value_shadow) or a list of value shadows.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#include <yaml.h>

#define FIELD_LIMIT ((size_t)1 << 24)

/* One open mapping or sequence. Every PyObject here is a strong reference. */
typedef struct {
    PyObject *data;       /* dict or list */
    PyObject *shadows;    /* dict or list, keyed or indexed like data */
    PyObject *key;        /* a mapping's key waiting for its value, or NULL */
    PyObject *key_shadow; /* that key's shadow, or NULL */
    size_t line, column;  /* where the collection starts */
    int is_map;
    int is_block;
} Frame;

static void
frame_clear(Frame *frame)
{
    Py_CLEAR(frame->data);
    Py_CLEAR(frame->shadows);
    Py_CLEAR(frame->key);
    Py_CLEAR(frame->key_shadow);
}

/* The packed position as a Python int (NULL on no memory). Every field fits its 24
 * bits: read() takes only texts of fewer than FIELD_LIMIT characters, and libyaml
 * counts lines and columns in characters. */
static PyObject *
pack(size_t start_line, size_t start_column, size_t end_line, size_t end_column)
{
    /* start_line << 72 | start_column << 48 | end_line << 24 | end_column, as two
     * 64-bit halves. */
    uint64_t low = (uint64_t)end_column | (uint64_t)end_line << 24 |
                   ((uint64_t)start_column & 0xFFFF) << 48;
    uint64_t high = (uint64_t)start_column >> 16 | (uint64_t)start_line << 8;
    if (high == 0) {
        return PyLong_FromUnsignedLongLong(low);
    }
    unsigned char bytes[16];
    for (int i = 0; i < 8; i++) {
        bytes[i] = (unsigned char)(low >> (8 * i));
        bytes[8 + i] = (unsigned char)(high >> (8 * i));
    }
#if PY_VERSION_HEX >= 0x030D0000
    return PyLong_FromUnsignedNativeBytes(bytes, sizeof bytes, Py_ASNATIVEBYTES_LITTLE_ENDIAN);
#else
    return _PyLong_FromByteArray(bytes, sizeof bytes, 1, 0);
#endif
}

/* An explicit tag is anything but none or the non-specific "!". */
static int
explicit_tag(const yaml_char_t *tag)
{
    return tag != NULL && strcmp((const char *)tag, "!") != 0;
}

typedef struct {
    yaml_parser_t parser;
    yaml_event_t event;
    int has_event;
} Reader;

/* The next event into reader->event: 1, or 0 on a syntax error. */
static int
next_event(Reader *reader)
{
    if (reader->has_event) {
        yaml_event_delete(&reader->event);
        reader->has_event = 0;
    }
    if (!yaml_parser_parse(&reader->parser, &reader->event)) {
        return 0;
    }
    reader->has_event = 1;
    return 1;
}

/* A scalar event's value: a str, or True/False/None for a plain word. New reference. */
static PyObject *
scalar_value(const yaml_event_t *event, PyObject *plain_words)
{
    const char *value = (const char *)event->data.scalar.value;
    size_t length = event->data.scalar.length;
    PyObject *text = PyUnicode_DecodeUTF8(value, (Py_ssize_t)length, "strict");
    if (text == NULL || !event->data.scalar.plain_implicit || length > 5) {
        return text; /* no plain word is longer than "false" */
    }
    PyObject *word = PyDict_GetItemWithError(plain_words, text);
    if (word == NULL) {
        if (PyErr_Occurred()) {
            Py_DECREF(text);
            return NULL;
        }
        return text;
    }
    Py_DECREF(text);
    return Py_NewRef(word);
}

/* Reads the whole stream. Returns a new (data, shadow) tuple, Py_None (a new
 * reference) when the strict reader must look, or NULL with an exception set. */
static PyObject *
read_stream(Reader *reader, Frame *frames, Py_ssize_t max_depth, Py_ssize_t max_nodes,
            PyObject *plain_words)
{
    /* frames[0] is the document level (no container); frames[depth] the innermost. */
    Py_ssize_t depth = 0;
    Py_ssize_t count = 0;
    PyObject *root = NULL, *root_shadow = NULL, *result = NULL;

    if (!next_event(reader) || reader->event.type != YAML_STREAM_START_EVENT) {
        goto refuse;
    }
    if (!next_event(reader) || reader->event.type != YAML_DOCUMENT_START_EVENT) {
        goto refuse; /* an empty file (or a syntax error): the strict reader words it */
    }
    for (;;) {
        PyObject *obj = NULL, *shadow = NULL;
        int is_scalar = 0;
        if (!next_event(reader)) {
            goto refuse;
        }
        yaml_event_t *event = &reader->event;
        switch (event->type) {
        case YAML_SCALAR_EVENT:
            if (event->data.scalar.anchor != NULL || explicit_tag(event->data.scalar.tag)) {
                goto refuse;
            }
            shadow = pack(event->start_mark.line, event->start_mark.column,
                          event->end_mark.line, event->end_mark.column);
            if (shadow == NULL) {
                goto fail;
            }
            obj = scalar_value(event, plain_words);
            if (obj == NULL) {
                Py_DECREF(shadow);
                goto fail;
            }
            is_scalar = 1;
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT: {
            Frame *frame = &frames[depth];
            PyObject *packed = pack(frame->line, frame->column, event->end_mark.line,
                                    event->end_mark.column);
            if (packed == NULL) {
                goto fail;
            }
            shadow = PyTuple_New(3);
            if (shadow == NULL) {
                Py_DECREF(packed);
                goto fail;
            }
            PyTuple_SET_ITEM(shadow, 0, packed);
            PyTuple_SET_ITEM(shadow, 1, Py_NewRef(frame->is_block ? Py_True : Py_False));
            PyTuple_SET_ITEM(shadow, 2, frame->shadows); /* the tuple takes the reference */
            frame->shadows = NULL;
            obj = frame->data;
            frame->data = NULL;
            frame_clear(frame);
            depth--;
            break;
        }
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
            int is_map = event->type == YAML_MAPPING_START_EVENT;
            const yaml_char_t *anchor = is_map ? event->data.mapping_start.anchor
                                               : event->data.sequence_start.anchor;
            const yaml_char_t *tag = is_map ? event->data.mapping_start.tag
                                            : event->data.sequence_start.tag;
            if (anchor != NULL || depth >= max_depth ||
                (frames[depth].is_map && frames[depth].key == NULL) || explicit_tag(tag)) {
                goto refuse; /* an anchor, too deep, a collection as a key, or a tag */
            }
            if (++count > max_nodes) {
                goto refuse;
            }
            Frame *frame = &frames[++depth];
            frame->is_map = is_map;
            frame->is_block = is_map
                                  ? event->data.mapping_start.style == YAML_BLOCK_MAPPING_STYLE
                                  : event->data.sequence_start.style == YAML_BLOCK_SEQUENCE_STYLE;
            frame->line = event->start_mark.line;
            frame->column = event->start_mark.column;
            frame->data = is_map ? PyDict_New() : PyList_New(0);
            frame->shadows = is_map ? PyDict_New() : PyList_New(0);
            if (frame->data == NULL || frame->shadows == NULL) {
                goto fail;
            }
            continue;
        }
        case YAML_DOCUMENT_END_EVENT:
            goto document_end;
        default:
            goto refuse; /* an alias */
        }

        /* obj and shadow are new references to a finished value. */
        Frame *frame = &frames[depth];
        if (frame->is_map && frame->key == NULL) {
            int duplicate = PyUnicode_CheckExact(obj) ? PyDict_Contains(frame->data, obj) : 1;
            if (duplicate != 0) {
                Py_DECREF(obj);
                Py_DECREF(shadow);
                if (duplicate < 0) {
                    goto fail;
                }
                goto refuse; /* a key that is not text, or a duplicate key */
            }
            frame->key = obj;
            frame->key_shadow = shadow;
            continue;
        }
        if (is_scalar && ++count > max_nodes) { /* values only, as the strict reader counts */
            Py_DECREF(obj);
            Py_DECREF(shadow);
            goto refuse;
        }
        int failed;
        if (depth == 0) {
            root = obj;
            root_shadow = shadow;
            continue;
        }
        if (frame->is_map) {
            PyObject *pair = PyTuple_Pack(2, frame->key_shadow, shadow);
            failed = pair == NULL || PyDict_SetItem(frame->data, frame->key, obj) < 0 ||
                     PyDict_SetItem(frame->shadows, frame->key, pair) < 0;
            Py_XDECREF(pair);
            Py_CLEAR(frame->key);
            Py_CLEAR(frame->key_shadow);
        }
        else {
            failed = PyList_Append(frame->data, obj) < 0 ||
                     PyList_Append(frame->shadows, shadow) < 0;
        }
        Py_DECREF(obj);
        Py_DECREF(shadow);
        if (failed) {
            goto fail;
        }
    }

document_end:
    if (!next_event(reader) || reader->event.type != YAML_STREAM_END_EVENT) {
        goto refuse; /* several documents */
    }
    if (root == NULL || !PyDict_CheckExact(root)) {
        goto refuse; /* a top level that is not a mapping */
    }
    result = PyTuple_Pack(2, root, root_shadow);
    goto done;

refuse:
    result = Py_NewRef(Py_None);
    goto done;
fail:
    result = NULL;
done:
    while (depth > 0) {
        frame_clear(&frames[depth--]);
    }
    Py_XDECREF(root);
    Py_XDECREF(root_shadow);
    return result;
}

PyDoc_STRVAR(read_doc,
             "read(text, max_depth, max_nodes, plain_words, /)\n--\n\n"
             "Read one YAML document into (data, shadow), or None if the strict reader "
             "must look.");

static PyObject *
yamlread_read(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_Format(PyExc_TypeError, "read() takes 4 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *text = args[0], *plain_words = args[3];
    if (!PyUnicode_Check(text) || !PyDict_Check(plain_words)) {
        PyErr_SetString(PyExc_TypeError, "read() takes a str and a dict of plain words");
        return NULL;
    }
    Py_ssize_t max_depth = PyLong_AsSsize_t(args[1]);
    if (max_depth == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t max_nodes = PyLong_AsSsize_t(args[2]);
    if (max_nodes == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (max_depth < 0 || max_nodes < 0) {
        PyErr_SetString(PyExc_ValueError, "limits must not be negative");
        return NULL;
    }
    /* A line or column is at most the text's length in characters: below FIELD_LIMIT
     * every position fits pack()'s fields. A longer text goes to the strict reader,
     * as read_events() sends it. */
    if ((size_t)PyUnicode_GET_LENGTH(text) >= FIELD_LIMIT) {
        Py_RETURN_NONE;
    }

    /* libyaml reads UTF-8, as PyYAML hands it a str. An ASCII str is its own UTF-8;
     * any other is encoded into a temporary, not cached on the str (which the load
     * result keeps for its whole life). */
    PyObject *encoded = NULL;
    const char *utf8;
    Py_ssize_t size;
    if (PyUnicode_IS_ASCII(text)) {
        utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    }
    else {
        encoded = PyUnicode_AsUTF8String(text);
        if (encoded == NULL) {
            return NULL;
        }
        utf8 = PyBytes_AS_STRING(encoded);
        size = PyBytes_GET_SIZE(encoded);
    }
    if (utf8 == NULL) {
        Py_XDECREF(encoded);
        return NULL;
    }

    /* Each level of nesting opens on a character of its own, so no text nests deeper
     * than its length: the frames are sized by that, not by a limit that may be huge. */
    if (max_depth > size) {
        max_depth = size;
    }
    Frame *frames = PyMem_Calloc((size_t)max_depth + 1, sizeof(Frame));
    if (frames == NULL) {
        Py_XDECREF(encoded);
        return PyErr_NoMemory();
    }
    Reader reader;
    reader.has_event = 0;
    if (!yaml_parser_initialize(&reader.parser)) {
        PyMem_Free(frames);
        Py_XDECREF(encoded);
        return PyErr_NoMemory();
    }
    yaml_parser_set_encoding(&reader.parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&reader.parser, (const unsigned char *)utf8, (size_t)size);

    PyObject *result = read_stream(&reader, frames, max_depth, max_nodes, plain_words);

    if (reader.has_event) {
        yaml_event_delete(&reader.event);
    }
    yaml_parser_delete(&reader.parser);
    PyMem_Free(frames);
    Py_XDECREF(encoded);
    return result;
}

PyDoc_STRVAR(libyaml_version_doc,
             "libyaml_version()\n--\n\nThe version of libyaml this module is linked with.");

static PyObject *
libyaml_version(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    return PyUnicode_FromString(yaml_get_version_string());
}

static PyMethodDef methods[] = {
    {"read", (PyCFunction)(void (*)(void))yamlread_read, METH_FASTCALL, read_doc},
    {"libyaml_version", libyaml_version, METH_NOARGS, libyaml_version_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef_Slot slots[] = {
#if PY_VERSION_HEX >= 0x030C0000
    /* Every object the module touches is made per call: safe in subinterpreters. */
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "impact_cli._yamlread",
    .m_doc = "libyaml's events straight into plain data and position shadows.",
    .m_size = 0,
    .m_methods = methods,
    .m_slots = slots,
};

PyMODINIT_FUNC
PyInit__yamlread(void)
{
    return PyModuleDef_Init(&module_def);
}
