"""The one way a verification document leaves the server: as an attachment, never rendered inline."""

from django.http import FileResponse, Http404

from .uploads import download_name


def document_response(document) -> FileResponse:
    """Stream ``document`` as an attachment under its original name (with its real extension), with the
    content type detected at upload and ``nosniff``, so a browser never interprets it as a page."""
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(document.original_name, document.extension),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
