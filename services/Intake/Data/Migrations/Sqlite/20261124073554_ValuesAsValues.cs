using System;
using Microsoft.EntityFrameworkCore.Migrations;
using RehabPlatform.ServiceDefaults.Data;

#nullable disable

namespace RehabPlatform.Intake.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ValuesAsValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "At",
                table: "audit_log",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "DecidedAt",
                table: "TransferRequests",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "ResolvedAt",
                table: "PossibleDuplicates",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "RegisteredAt",
                table: "Patients",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "SubmittedAt",
                table: "Intakes",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "RecordedAt",
                table: "Consents",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "OpenedAt",
                table: "Clinics",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.SqliteTextTimestampsToTicks("audit_log", "At");
            migrationBuilder.SqliteTextTimestampsToTicks("TransferRequests", "DecidedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("PossibleDuplicates", "ResolvedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Patients", "RegisteredAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Intakes", "SubmittedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Consents", "RecordedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Clinics", "OpenedAt");
            migrationBuilder.SqliteBinaryTimestampsToTicks("PossibleDuplicates", "DetectedAt");
            migrationBuilder.SqliteBinaryTimestampsToTicks("TransferRequests", "RequestedAt");
            migrationBuilder.SqliteCommaListToJson("Intakes", "RedFlags");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "At",
                table: "audit_log",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "DecidedAt",
                table: "TransferRequests",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "ResolvedAt",
                table: "PossibleDuplicates",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "RegisteredAt",
                table: "Patients",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "SubmittedAt",
                table: "Intakes",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "RecordedAt",
                table: "Consents",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "OpenedAt",
                table: "Clinics",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.SqliteTicksToTextTimestamps("audit_log", "At");
            migrationBuilder.SqliteTicksToTextTimestamps("TransferRequests", "DecidedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("PossibleDuplicates", "ResolvedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Patients", "RegisteredAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Intakes", "SubmittedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Consents", "RecordedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Clinics", "OpenedAt");
            migrationBuilder.SqliteJsonListToComma("Intakes", "RedFlags");
        }
    }
}
