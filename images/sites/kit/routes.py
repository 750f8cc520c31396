"""The generic login and logout pages every site gets (templates/kit/login.html)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request, status
from fastapi.responses import Response
from guigym.images.sites.kit.auth import CurrentUser, authenticate, log_in, log_out
from guigym.images.sites.kit.db import DbSession
from guigym.images.sites.kit.web import csrf_protect, flash, redirect, render, safe_next

__all__ = ["make_auth_router", "MAX_LOGIN_FIELD"]

#: Longest username/email or password the login form accepts.
MAX_LOGIN_FIELD = 254


def make_auth_router() -> APIRouter:
    """GET/POST /login and /logout using the site's ``user_model``."""
    router = APIRouter(dependencies=[Depends(csrf_protect)])

    @router.get("/login")
    def login_page(request: Request, user: CurrentUser, next: str = "") -> Response:
        if user is not None:
            return redirect(safe_next(next, request.app.state.spec.home))
        return render(request, "kit/login.html", next=safe_next(next, ""), username="", error=None)

    @router.post("/login")
    def login_submit(
        request: Request,
        db: DbSession,
        username: str = Form(""),
        password: str = Form(""),
        next: str = Form(""),
    ) -> Response:
        spec = request.app.state.spec
        target = safe_next(next, spec.home)
        error = None
        if len(username) > MAX_LOGIN_FIELD or len(password) > MAX_LOGIN_FIELD:
            error = f"Username and password must be at most {MAX_LOGIN_FIELD} characters."
        elif not username.strip() or not password:
            error = "Please enter your username and password."
        else:
            user = authenticate(db, spec.user_model, username, password)
            if user is None:
                error = "Wrong username or password."
            else:
                log_in(request, user)
                flash(request, f"Welcome back, {user.display_name}.", "success")
                return redirect(target)
        return render(
            request,
            "kit/login.html",
            status_code=status.HTTP_400_BAD_REQUEST,
            next=safe_next(next, ""),
            username=username[:MAX_LOGIN_FIELD],
            error=error,
        )

    @router.api_route("/logout", methods=["GET", "POST"])
    def logout(request: Request) -> Response:
        log_out(request)
        flash(request, "You have been signed out.", "info")
        return redirect("/login")

    return router
