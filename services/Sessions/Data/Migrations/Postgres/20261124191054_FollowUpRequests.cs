using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Sessions.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FollowUpRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SelfReported",
                table: "Outcomes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "FollowUpRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DueFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OutcomeId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpRequests_ClinicId",
                table: "FollowUpRequests",
                column: "ClinicId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpRequests_OpenPerPatient",
                table: "FollowUpRequests",
                column: "PatientId",
                unique: true,
                filter: "\"Status\" = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpRequests");

            migrationBuilder.DropColumn(
                name: "SelfReported",
                table: "Outcomes");
        }
    }
}
